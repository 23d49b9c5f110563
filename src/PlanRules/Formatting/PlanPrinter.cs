using System.Text;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Formatting;

/// <summary>
/// The canonical printer behind <c>planrules fmt</c>: one item per line, two-space indentation, ISO
/// dates, ASCII punctuation, identifiers unquoted where they can be, comments kept where they were
/// (own-line comments before the next item, end-of-line comments after the item they followed).
/// Printing is idempotent, and parsing the output gives the same tree, spans aside.
/// </summary>
public static class PlanPrinter
{
    /// <summary>Prints a parsed file. The file should have no syntax errors (text in error is printed as parsed).</summary>
    public static string Print(PlanFileSyntax file) => new Writer(file).Run();

    /// <summary>A name as it must be written: bare when it is an identifier, else a quoted string.</summary>
    public static string FormatName(string name) => SyntaxFacts.FormatName(name);

    /// <summary>A string literal with the four escapes of the language.</summary>
    public static string Quote(string value) => SyntaxFacts.Quote(value);

    private static string FormatDate(DateSyntax date) =>
        date.Value is { } d ? PlanRules.Text.DateText.Iso(d) : date.Text;

    private sealed class Writer(PlanFileSyntax file)
    {
        private readonly StringBuilder _out = new();
        private readonly List<CommentSyntax> _comments = [.. file.Comments];
        private readonly SourceText _source = file.Source;
        private int _nextComment;
        private int _lastLine = -1;

        public string Run()
        {
            foreach (var declaration in file.Declarations) WriteDeclaration(declaration, 0);
            FlushComments(int.MaxValue, 0);
            var text = _out.ToString();
            return text.Length == 0 ? "" : text.TrimEnd('\n') + "\n";
        }

        private int _lastEnd;

        /// <summary>
        /// Keeps one blank line where the source had one or more between two things (gofmt's rule):
        /// the author's grouping survives, and printing stays idempotent.
        /// </summary>
        private void BlankLineBefore(int position)
        {
            if (_out.Length == 0 || position <= _lastEnd) return;
            var newlines = 0;
            for (var i = _lastEnd; i < position && i < _source.Length; i++)
            {
                var c = _source.Text[i];
                if (c == '\n') newlines++;
                else if (!char.IsWhiteSpace(c)) newlines = 0;
            }
            var afterOpen = _out.Length >= 2 && _out[^1] == '\n' && _out[^2] == '{';
            var afterBlank = _out.Length >= 2 && _out[^1] == '\n' && _out[^2] == '\n';
            if (newlines >= 2 && !afterOpen && !afterBlank) _out.Append('\n');
        }

        /// <summary>Writes comments that start before <paramref name="position"/>.</summary>
        private void FlushComments(int position, int indent)
        {
            while (_nextComment < _comments.Count && _comments[_nextComment].Span.Start < position)
            {
                var comment = _comments[_nextComment++];
                var line = _source.GetLinePosition(comment.Span.Start).Line;
                if (line == _lastLine && _out.Length > 0 && _out[^1] == '\n')
                {
                    // End-of-line comment: keep it on the line of the item it followed.
                    _out.Length--;
                    _out.Append(' ').Append(comment.Text.Replace("\r\n", "\n")).Append('\n');
                }
                else
                {
                    BlankLineBefore(comment.Span.Start);
                    // Lines after the first of a block comment keep their alignment relative to its start,
                    // so re-indenting is idempotent (the old column's indentation is replaced by the new one).
                    var oldIndent = _source.GetLinePosition(comment.Span.Start).Column - 1;
                    var lines = comment.Text.Split('\n');
                    for (var i = 0; i < lines.Length; i++)
                    {
                        var commentLine = lines[i].TrimEnd('\r');
                        if (i > 0)
                        {
                            var strip = 0;
                            while (strip < oldIndent && strip < commentLine.Length && commentLine[strip] is ' ' or '\t') strip++;
                            commentLine = commentLine[strip..];
                        }
                        _out.Append(' ', indent * 2).Append(commentLine).Append('\n');
                    }
                }
                _lastLine = _source.GetLinePosition(comment.Span.End).Line;
                _lastEnd = comment.Span.End;
            }
        }

        private void Line(int indent, string text, TextSpan span)
        {
            BlankLineBefore(span.Start);
            _out.Append(' ', indent * 2).Append(text).Append('\n');
            _lastLine = _source.GetLinePosition(span.End).Line;
            _lastEnd = span.End;
        }

        private void Open(int indent, string text, TextSpan headerSpan, int start)
        {
            BlankLineBefore(start);
            _out.Append(' ', indent * 2).Append(text).Append(" {\n");
            _lastLine = _source.GetLinePosition(headerSpan.End).Line;
            _lastEnd = headerSpan.End;
        }

        private void Close(int indent, TextSpan span)
        {
            FlushComments(span.End - 1, indent + 1);
            _out.Append(' ', indent * 2).Append("}\n");
            _lastLine = _source.GetLinePosition(span.End).Line;
            _lastEnd = span.End;
        }

        private void WriteDeclaration(DeclarationSyntax declaration, int indent)
        {
            FlushComments(declaration.Span.Start, indent);
            switch (declaration)
            {
                case PlanHeaderSyntax plan:
                    Open(indent, "plan " + Quote(plan.Title.Value), plan.Title.Span, plan.Span.Start);
                    foreach (var item in plan.Items)
                    {
                        FlushComments(item.Span.Start, indent + 1);
                        Line(indent + 1, PlanItem(item), item.Span);
                    }
                    Close(indent, plan.Span);
                    break;
                case UnitDeclarationSyntax unit:
                    var head = "unit " + FormatName(unit.Name.Value) + (unit.Title is null ? "" : " " + Quote(unit.Title.Value));
                    if (unit.Items.Length == 0)
                    {
                        Line(indent, head, unit.Span);
                        break;
                    }
                    Open(indent, head, unit.Title?.Span ?? unit.Name.Span, unit.Span.Start);
                    foreach (var item in unit.Items)
                    {
                        FlushComments(item.Span.Start, indent + 1);
                        Line(indent + 1, item switch
                        {
                            UnitAliasSyntax alias => "alias " + Names(alias.Names.Select(n => n.Value)),
                            UnitParentSyntax parent => "parent " + FormatName(parent.Name.Value),
                            _ => "",
                        }, item.Span);
                    }
                    Close(indent, unit.Span);
                    break;
                case GroupDeclarationSyntax group:
                    var text = "group " + FormatName(group.Name.Value) + (group.Title is null ? "" : " " + Quote(group.Title.Value));
                    if (group.Members is { } members) text += " = " + Names(members.Select(m => m.Value));
                    Line(indent, text, group.Span);
                    break;
                case SectionSyntax section:
                    Open(indent, "section " + section.Id.Value + " " + Quote(section.Title.Value), section.Title.Span, section.Span.Start);
                    foreach (var member in section.Members) WriteDeclaration(member, indent + 1);
                    Close(indent, section.Span);
                    break;
                case TaskSyntax task:
                    Open(indent, "task " + task.Id.Value + " " + Quote(task.Title.Value), task.Title.Span, task.Span.Start);
                    foreach (var item in task.Items)
                    {
                        FlushComments(item.Span.Start, indent + 1);
                        Line(indent + 1, TaskItem(item), item.Span);
                    }
                    Close(indent, task.Span);
                    break;
            }
        }

        private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(FormatName));

        private static string PlanItem(PlanItemSyntax item) => item switch
        {
            PlanRefSyntax r => "ref " + Quote(r.Value.Value),
            PlanIssuedSyntax i => "issued " + FormatDate(i.Date),
            PlanPeriodSyntax p => "period " + FormatDate(p.Start) + " .. " + FormatDate(p.End),
            PlanIssuerSyntax i => "issuer " + FormatName(i.Name.Value),
            PlanTimeZoneSyntax z => "timezone " + Quote(z.Zone.Value),
            _ => "",
        };

        private static string TaskItem(TaskItemSyntax item) => item switch
        {
            OwnersItemSyntax o => o.Role.ToString().ToLowerInvariant() + " " + Names(o.Names.Select(n => n.Value)),
            DateItemSyntax d => (d.Kind == TaskDateKind.Due ? "due " : "start ") + FormatDate(d.Date),
            AfterItemSyntax a => "after " + string.Join(", ", a.Tasks.Select(t => t.Value)),
            EveryItemSyntax e => "every " + PlanGrammar.PeriodKeyword(e.Period) + (e.AtLeast is null ? "" : " at-least " + e.AtLeast.Text),
            TagItemSyntax t => "tag " + Names(t.Tags.Select(n => n.Value)),
            TextItemSyntax { Kind: TextItemKind.Note } n => "note " + Quote(n.Text.Value),
            TextItemSyntax s => "source " + Quote(s.Text.Value),
            SuppressItemSyntax s => "suppress " + s.RuleId.Value + " " + Quote(s.Reason.Value),
            _ => "",
        };
    }
}
