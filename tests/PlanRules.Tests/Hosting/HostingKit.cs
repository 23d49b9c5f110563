using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using PlanRules.Analysis;
using PlanRules.Diagnostics;
using PlanRules.Text;

namespace PlanRules.Tests.Hosting;

/// <summary>Small plans, requests and helpers for the hosting tests.</summary>
internal static class HostingKit
{
    public static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    /// <summary>A folder that does not exist: display paths are relative to it and no configuration is read from it.</summary>
    public static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "planrules-hosting-tests-base");

    /// <summary>A task title and unit names no log line at Information level may contain.</summary>
    public const string SecretTitle = "绝密的任务标题甲乙丙";
    public const string SecretUnit = "保密单位丁戊己";

    /// <summary>A clean plan: 2 tasks, 3 units and a closed group of two; 4 obligations.</summary>
    public const string SmallPlan = $$"""
        plan "小计划" {
          issued 2021-01-01
          period 2021-01-01 .. 2021-12-31
        }
        unit {{SecretUnit}} "番禺区保密单位"
        unit 市桥街
        unit 石楼镇
        group 镇街 "各镇(街)" = 市桥街, 石楼镇
        task 1 "{{SecretTitle}}" {
          lead {{SecretUnit}}
          with 镇街
          due 2021-06-30
        }
        task 2 "第二项" {
          lead 市桥街
          after 1
          due 2021-09-30
        }
        """;

    /// <summary>A plan with binder errors: an unknown unit (PR1001), a task without lead (PR1005), a cycle (PR1004).</summary>
    public const string BrokenPlan = """
        plan "有错的计划" {
          period 2021-01-01 .. 2021-12-31
        }
        unit 区司法局
        task 1 "一" {
          lead 区司法局局
          after 2
        }
        task 2 "二" {
          after 1
        }
        """;

    public static SourceText Plan(string text, string path = "plan.plan") => new(text, path);

    public static CheckRequest Request(string plan, string? ledger = null, string? asOf = "2021-12-31") => new()
    {
        Plans = [Plan(plan)],
        Ledgers = ledger is null ? [] : [new SourceText(ledger, "progress.ledger")],
        AsOf = asOf is null ? null : Date(asOf),
        BaseDirectory = BaseDirectory,
    };

    public static LocalDate Date(string iso) => DateText.TryParse(iso, out var date) ? date : throw new ArgumentException(iso);

    public static IReadOnlyList<Diagnostic> Findings(this CheckResult result, string id) =>
        [.. result.Diagnostics.Where(d => d.Id == id)];

    public static ServiceProvider Build(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static DiagnosticDescriptor Descriptor(string id, DiagnosticSeverity severity = DiagnosticSeverity.Info) =>
        new(id, LocalizableString.FromText(id + " title"), LocalizableString.FromText(id + ": {0}"), "host", severity);
}

/// <summary>One captured log entry.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, string Message, ImmutableArray<KeyValuePair<string, object?>> State, Exception? Exception);

/// <summary>A logger provider that keeps every entry, for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToImmutableArray() : [];
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), values, exception));
        }
    }
}
