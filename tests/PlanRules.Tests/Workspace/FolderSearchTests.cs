using PlanRules.Tests.Support;
using PlanRules.Workspace;

namespace PlanRules.Tests.Workspace;

/// <summary>How a folder given as a PATH is searched: recursively, skipping build and git folders inside it.</summary>
public class FolderSearchTests
{
    private const string Plan = "unit A\ntask 1 \"t\" { lead A }\n";

    [Theory]
    [InlineData("bin")]
    [InlineData("obj")]
    [InlineData(".git")]
    public void A_folder_inside_a_folder_named_like_a_build_folder_is_still_searched(string ancestor)
    {
        using var directory = new TempDirectory();
        directory.Write($"{ancestor}/plans/a.plan", Plan);
        var root = Path.Combine(directory.Path, ancestor, "plans");

        var found = InputFiles.Discover(["."], root);

        Assert.Equal(["a.plan"], found.Plans.Select(p => p.Path));
    }

    [Fact]
    public void Build_and_git_folders_below_the_searched_folder_are_skipped()
    {
        using var directory = new TempDirectory();
        directory.Write("a.plan", Plan);
        directory.Write("bin/Debug/b.plan", Plan);
        directory.Write("sub/obj/c.plan", Plan);
        directory.Write(".git/d.plan", Plan);
        directory.Write("binder/e.plan", Plan);

        var found = InputFiles.Discover(["."], directory.Path);

        Assert.Equal(["a.plan", "binder/e.plan"], found.Plans.Select(p => p.Path));
    }

    [Fact]
    public void A_symbolic_link_to_a_folder_above_is_not_followed_round_and_round()
    {
        if (OperatingSystem.IsWindows()) return; // creating links needs privileges there
        using var directory = new TempDirectory();
        directory.Write("a/plan.plan", Plan);
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "a", "up"), directory.Path);

        var found = InputFiles.Discover(["."], directory.Path);

        Assert.Equal(["a/plan.plan"], found.Plans.Select(p => p.Path));
    }

    [Fact]
    public void Linked_files_inside_a_folder_and_a_linked_folder_given_as_a_path_are_read()
    {
        if (OperatingSystem.IsWindows()) return;
        using var directory = new TempDirectory();
        var real = directory.Write("real/p.plan", Plan);
        Directory.CreateDirectory(Path.Combine(directory.Path, "plans"));
        File.CreateSymbolicLink(Path.Combine(directory.Path, "plans", "linked.plan"), real);
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "alias"), Path.Combine(directory.Path, "real"));

        Assert.Equal(["plans/linked.plan"], InputFiles.Discover(["plans"], directory.Path).Plans.Select(p => p.Path));
        Assert.Equal(["alias/p.plan"], InputFiles.Discover(["alias"], directory.Path).Plans.Select(p => p.Path));
    }

    [Fact]
    public void A_file_reached_through_a_link_and_by_its_own_name_is_read_once()
    {
        if (OperatingSystem.IsWindows()) return;
        using var directory = new TempDirectory();
        directory.Write("plans/2021.plan", Plan);
        File.CreateSymbolicLink(Path.Combine(directory.Path, "plans", "current.plan"), "2021.plan");
        File.CreateSymbolicLink(Path.Combine(directory.Path, "a-link.plan"), Path.Combine("plans", "2021.plan"));

        Assert.Equal(["plans/2021.plan"], InputFiles.Discover(["plans"], directory.Path).Plans.Select(p => p.Path));
        Assert.Equal(["a-link.plan"], InputFiles.Discover(["plans/current.plan", "a-link.plan", "plans"], directory.Path).Plans.Select(p => p.Path));
    }
}
