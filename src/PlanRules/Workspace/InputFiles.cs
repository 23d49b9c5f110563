using System.Collections.Immutable;
using System.Text;
using PlanRules.Text;

namespace PlanRules.Workspace;

/// <summary>A file that could not be read: missing, unreadable or not valid UTF-8. The CLI exits with 2.</summary>
public sealed class InputFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The kinds of file PlanRules reads.</summary>
public enum InputKind
{
    /// <summary><c>*.plan</c></summary>
    Plan,
    /// <summary><c>*.rules</c></summary>
    Rules,
    /// <summary><c>*.ledger</c></summary>
    Ledger,
    /// <summary><c>*.ledger.csv</c></summary>
    LedgerCsv,
    /// <summary><c>.planrules</c> configuration</summary>
    Config,
    /// <summary><c>*.plantest</c></summary>
    PlanTest,
}

/// <summary>The input files of one run, by kind, each with a display path relative to the base folder.</summary>
public sealed record InputFiles(
    ImmutableArray<SourceText> Plans,
    ImmutableArray<SourceText> Rules,
    ImmutableArray<SourceText> Ledgers,
    ImmutableArray<SourceText> LedgerCsvs,
    ImmutableArray<SourceText> Configs,
    ImmutableArray<SourceText> PlanTests)
{
    /// <summary>No files.</summary>
    public static InputFiles Empty { get; } = new([], [], [], [], [], []);

    /// <summary>Classifies a file name; null when PlanRules does not read it.</summary>
    public static InputKind? Classify(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (name.Equals(".planrules", StringComparison.OrdinalIgnoreCase)) return InputKind.Config;
        if (name.EndsWith(".ledger.csv", StringComparison.OrdinalIgnoreCase)) return InputKind.LedgerCsv;
        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".plan" => InputKind.Plan,
            ".rules" => InputKind.Rules,
            ".ledger" => InputKind.Ledger,
            ".plantest" => InputKind.PlanTest,
            _ => null,
        };
    }

    /// <summary>
    /// Collects files from paths (files or folders, searched recursively, in ordinal path order so runs are
    /// reproducible). A path that does not exist, or is empty, throws <see cref="InputFileException"/>. A file named
    /// explicitly is taken whatever its extension, by <paramref name="defaultKind"/> when it has none.
    /// </summary>
    public static InputFiles Discover(IEnumerable<string> paths, string baseDirectory, InputKind defaultKind = InputKind.Plan)
    {
        var found = new Dictionary<InputKind, SortedDictionary<string, string>>();
        foreach (var path in paths)
        {
            // "" would resolve to the base folder itself: an unset variable ("$PLANS") must not make fmt rewrite everything.
            if (path.Length == 0) throw new InputFileException("路径为空 / empty path: ''");
            var full = Path.GetFullPath(path, baseDirectory);
            if (Directory.Exists(full))
            {
                foreach (var file in FilesBelow(full))
                {
                    if (Classify(file) is { } kind) Add(found, kind, file, baseDirectory);
                }
            }
            else if (File.Exists(full))
            {
                Add(found, Classify(full) ?? defaultKind, full, baseDirectory);
            }
            else
            {
                throw new InputFileException($"找不到文件或文件夹 / file or folder not found: {path}");
            }
        }
        // One file reached by two names (a link beside its target, a link given with the folder holding the target) is
        // read once, under the first name in ordinal order: two copies of a plan would make every name a duplicate.
        var read = new HashSet<string>(StringComparer.Ordinal);
        ImmutableArray<SourceText> Of(InputKind kind) => found.TryGetValue(kind, out var files)
            ? [.. files.Where(f => read.Add(File.ResolveLinkTarget(f.Value, returnFinalTarget: true)?.FullName ?? f.Value))
                // A ledger that is not UTF-8 is read line by line: bad lines are findings, good lines still count.
                .Select(f => Read(f.Value, f.Key, replaceInvalidUtf8: kind is InputKind.Ledger or InputKind.LedgerCsv))]
            : [];
        return new InputFiles(Of(InputKind.Plan), Of(InputKind.Rules), Of(InputKind.Ledger), Of(InputKind.LedgerCsv), Of(InputKind.Config), Of(InputKind.PlanTest));
    }

    private static readonly EnumerationOptions OneLevel = new() { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };

    /// <summary>
    /// The files in <paramref name="folder"/> and its subfolders. Subfolders named <c>bin</c>, <c>obj</c> or <c>.git</c>
    /// are skipped (only below the folder searched: a plan folder inside <c>~/bin/</c> is still searched), and so are
    /// symbolic links to folders, which may lead back up the tree; linked files are read. The folder itself may be a link.
    /// </summary>
    private static IEnumerable<string> FilesBelow(string folder)
    {
        var pending = new Stack<string>([folder]);
        while (pending.TryPop(out var current))
        {
            foreach (var file in Directory.EnumerateFiles(current, "*", OneLevel)) yield return file;
            foreach (var sub in Directory.EnumerateDirectories(current, "*", OneLevel))
            {
                if (Path.GetFileName(sub) is "bin" or "obj" or ".git") continue;
                if (new DirectoryInfo(sub).LinkTarget is not null) continue;
                pending.Push(sub);
            }
        }
    }

    /// <summary>Notes a file by its display path (files are read when all are known, in display path order).</summary>
    private static void Add(Dictionary<InputKind, SortedDictionary<string, string>> found, InputKind kind, string fullPath, string baseDirectory)
    {
        if (!found.TryGetValue(kind, out var files)) found[kind] = files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        files.TryAdd(DisplayPath(fullPath, baseDirectory), fullPath);
    }

    /// <summary>A path relative to <paramref name="baseDirectory"/> with '/' separators.</summary>
    public static string DisplayPath(string fullPath, string baseDirectory) =>
        Path.GetRelativePath(baseDirectory, fullPath).Replace('\\', '/');

    /// <summary>Files larger than this are refused without being read (256 MiB).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Reads a UTF-8 file (BOM allowed); a clear <see cref="InputFileException"/> otherwise. With
    /// <paramref name="replaceInvalidUtf8"/>, invalid sequences become U+FFFD, recorded in
    /// <see cref="SourceText.InvalidUtf8"/> for the reader to report, instead of failing the file.
    /// </summary>
    public static SourceText Read(string fullPath, string displayPath, bool replaceInvalidUtf8 = false)
    {
        byte[] bytes;
        try
        {
            // Far over any parser limit: refuse before reading, so a huge file cannot exhaust memory.
            if (new FileInfo(fullPath).Length > MaxFileBytes)
            {
                throw new InputFileException($"文件过大 / file too large: {displayPath} (over {MaxFileBytes / (1024 * 1024)} MiB)");
            }
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException($"无法读取文件 / cannot read file: {displayPath}: {e.Message}", e);
        }
        try
        {
            return replaceInvalidUtf8 ? SourceText.FromUtf8Replacing(bytes, displayPath) : SourceText.FromUtf8(bytes, displayPath);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputFileException($"文件不是有效的 UTF-8 / file is not valid UTF-8: {displayPath} (byte {e.Index})", e);
        }
    }
}
