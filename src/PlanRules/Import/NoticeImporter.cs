using System.Collections.Immutable;
using PlanRules.Binding;
using PlanRules.Diagnostics;
using PlanRules.Formatting;
using PlanRules.Syntax;
using PlanRules.Text;

namespace PlanRules.Import;

/// <summary>Options of one import.</summary>
public sealed record ImportOptions
{
    /// <summary>How to read notice bytes (default: detect).</summary>
    public NoticeEncoding Encoding { get; init; } = NoticeEncoding.Auto;

    /// <summary>The path the draft will be written to; it names the draft in its own findings.</summary>
    public string OutputPath { get; init; } = "imported.plan";
}

/// <summary>A line of the notice the importer dropped on purpose (page furniture, the header it read), and why.</summary>
public sealed record SkippedLine(int Line, string Text, string Reason);

/// <summary>What an import produced: the draft plan (text, syntax, bound plan) and the import findings.</summary>
public sealed class ImportResult
{
    internal ImportResult(string planText, PlanFileSyntax syntax, BoundPlan plan, ImmutableArray<Diagnostic> diagnostics, SourceText notice, string encodingName, ImmutableArray<SkippedLine> skipped)
    {
        PlanText = planText;
        Syntax = syntax;
        Plan = plan;
        Diagnostics = diagnostics;
        Notice = notice;
        EncodingName = encodingName;
        SkippedLines = skipped;
    }

    /// <summary>The draft, printed by the canonical printer (<c>planrules fmt</c> leaves it unchanged).</summary>
    public string PlanText { get; }

    /// <summary>The draft parsed (spans are positions in <see cref="PlanText"/>).</summary>
    public PlanFileSyntax Syntax { get; }

    /// <summary>The draft bound: what <c>planrules check</c> would see.</summary>
    public BoundPlan Plan { get; }

    /// <summary>The importer's findings (PR4001, PR4002), located in the notice, sorted.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The notice as decoded.</summary>
    public SourceText Notice { get; }

    /// <summary>The encoding the notice was read with ("UTF-8", "GB18030", "UTF-16", or "text" when given as a string).</summary>
    public string EncodingName { get; }

    /// <summary>Lines dropped on purpose: page furniture, column headers, header lines turned into the plan header, repeated headings.</summary>
    public ImmutableArray<SkippedLine> SkippedLines { get; }

    /// <summary>True when the draft itself has an error finding (never expected: the importer writes only what binds).</summary>
    public bool HasErrors => Plan.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// <c>planrules import</c>: turns an official notice (a web page copied to text, a Word table flattened to
/// lines) into a draft plan that parses and binds, and says what it could not understand (PR4001) and which
/// unit names it guessed or merged (PR4002).
/// </summary>
public static class NoticeImporter
{
    /// <summary>Imports notice bytes; throws <see cref="NoticeDecodingException"/> when they cannot be decoded.</summary>
    public static ImportResult Import(byte[] bytes, string noticePath = "", ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        var decoded = NoticeDecoder.Decode(bytes, options.Encoding);
        return Run(new SourceText(decoded.Text, noticePath), decoded.EncodingName, options);
    }

    /// <summary>Imports notice text. Never throws for any text.</summary>
    public static ImportResult ImportText(string text, string noticePath = "", ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Run(new SourceText(text, noticePath), "text", options ?? new ImportOptions());
    }

    private static ImportResult Run(SourceText notice, string encodingName, ImportOptions options)
    {
        var document = new NoticeDocument(notice);
        var diagnostics = new ImportDiagnostics();
        var skipped = ImmutableArray.CreateBuilder<SkippedLine>();
        var reader = new NoticeReader(document, diagnostics, skipped);
        var draft = reader.Read();

        var text = PlanPrinter.Print(PlanParser.Parse(draft, options.OutputPath));
        var syntax = PlanParser.Parse(text, options.OutputPath);
        var plan = PlanBinder.Bind([syntax]);
        return new ImportResult(text, syntax, plan, DiagnosticOrder.Sort(diagnostics.Items), notice, encodingName, skipped.ToImmutable());
    }
}
