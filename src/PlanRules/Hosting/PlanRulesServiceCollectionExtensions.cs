using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using PlanRules.Analysis;

namespace PlanRules.Hosting;

/// <summary>Registers PlanRules in a host's service collection.</summary>
public static class PlanRulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPlanChecker"/> (a singleton: rules compile once), NodaTime's system clock unless the
    /// host registered an <see cref="IClock"/>, and the options. Returns a builder for analyzers. The options are
    /// validated when the checker is created: a null item, two host functions of one name, an empty rule path or an
    /// analyzer type that is not a creatable <see cref="PlanAnalyzer"/> throws an <see cref="OptionsValidationException"/>
    /// naming each.
    /// </summary>
    public static PlanRulesBuilder AddPlanRules(this IServiceCollection services, Action<PlanRulesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PlanRulesOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlanRulesOptions>, PlanRulesOptionsValidator>());
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<IPlanChecker, PlanRulesService>();
        return new PlanRulesBuilder(services);
    }
}

/// <summary>Adds analyzers and functions after <see cref="PlanRulesServiceCollectionExtensions.AddPlanRules"/>.</summary>
public sealed class PlanRulesBuilder(IServiceCollection services)
{
    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Registers a host analyzer (a singleton; it may take services in its constructor). Adding one type again, here or
    /// in <see cref="PlanRulesOptions.AddAnalyzer{T}"/>, adds nothing: it runs once, its findings are not doubled.
    /// </summary>
    public PlanRulesBuilder AddAnalyzer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>() where T : PlanAnalyzer
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<PlanAnalyzer, T>());
        return this;
    }

    /// <summary>
    /// Adds a host function rules may call. Its name and types are checked here, as in
    /// <see cref="PlanRulesOptions.AddFunction"/> (an <see cref="ArgumentException"/> at registration, not when the
    /// checker is first resolved).
    /// </summary>
    public PlanRulesBuilder AddFunction(string name, Delegate implementation)
    {
        var function = Rules.Runtime.RuleFunction.FromDelegate(name, implementation);
        Services.Configure<PlanRulesOptions>(o => o.Functions.Add(function));
        return this;
    }

    /// <summary>Adds a rule file or folder (an empty path is refused here).</summary>
    public PlanRulesBuilder AddRules(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Services.Configure<PlanRulesOptions>(o => o.AddRules(path));
        return this;
    }
}
