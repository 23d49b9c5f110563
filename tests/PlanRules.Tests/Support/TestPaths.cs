namespace PlanRules.Tests.Support;

/// <summary>Locations of repository files the tests read.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlanRules.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PlanRules.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding PlanRules.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The bundled example plan's path.</summary>
    public static string ExamplePlanPath => Path.Combine(RepoRoot, "examples", "panyu-2021", "plan.plan");

    /// <summary>The bundled example plan's text.</summary>
    public static string ExamplePlanText => File.ReadAllText(ExamplePlanPath);
}

/// <summary>A temporary folder removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "planrules-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new System.Text.UTF8Encoding(false));
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
