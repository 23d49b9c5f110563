using NodaTime;
using NodaTime.Testing;
using PlanRules.Cli;

namespace PlanRules.Tests.TestingKit;

/// <summary>Paths in a <c>*.plantest</c> file are relative to it, and named from the current folder when missing.</summary>
public sealed class PlanTestPathTests
{
    [Fact]
    public void A_config_path_is_relative_to_the_test_file_and_a_missing_one_is_named_from_the_current_folder()
    {
        var folder = Directory.CreateTempSubdirectory("planrules-paths-");
        try
        {
            var tests = Directory.CreateDirectory(Path.Combine(folder.FullName, "tests"));
            File.WriteAllText(Path.Combine(folder.FullName, "p.plan"), PlanTestExpectationTests.Plan);
            File.WriteAllText(Path.Combine(tests.FullName, "quiet.planrules"), "[*.plan]\nplanrules_diagnostic.PR3001.severity = none\n");
            File.WriteAllText(Path.Combine(tests.FullName, "a.plantest"), """
                test "配置" { plan "../p.plan" config "quiet.planrules" as-of 2021-12-31 standard-rules off expect none }
                test "缺配置" { plan "../p.plan" config "nope.planrules" as-of 2021-12-31 standard-rules off expect none }
                test "空配置" { plan "../p.plan" config "" as-of 2021-12-31 standard-rules off expect none }
                """);
            var stdout = new StringWriter();

            var exit = CliApp.Run(["test", "tests"], stdout, new StringWriter(), folder.FullName, new FakeClock(Instant.FromUtc(2026, 11, 27, 0, 0)));

            Assert.Equal(
                [
                    "PASS tests/a.plantest(1,1): 配置",
                    "FAIL tests/a.plantest(2,1): 缺配置",
                    "  找不到配置文件 / configuration file not found: tests/nope.planrules",
                    "FAIL tests/a.plantest(3,1): 空配置",
                    "  路径为空 / empty path: ''",
                    "1 passed, 2 failed",
                ],
                stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(1, exit);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
