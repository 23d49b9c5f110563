using System.Collections;
using System.Reflection;
using PlanRules.Analysis;
using PlanRules.Testing;

namespace PlanRules.Tests.Hosting;

/// <summary>Conventions of the public surface a host compiles against, checked by reflection.</summary>
public class PublicApiTests
{
    private static readonly Assembly[] Libraries = [typeof(IPlanChecker).Assembly, typeof(PlanVerifier).Assembly];

    [Fact]
    public void The_rule_compiler_s_bound_tree_is_not_public()
    {
        var exported = typeof(IPlanChecker).Assembly.GetExportedTypes();

        Assert.DoesNotContain(exported, t => t.Namespace == "PlanRules.Rules.Binding" && (t.Name.StartsWith("Bound", StringComparison.Ordinal) || t.Name == "RuleVariable"));
    }

    /// <summary>Public getters and fields that hand out a collection the caller could change under the library.</summary>
    [Fact]
    public void Public_properties_and_fields_hand_out_no_mutable_collections_except_the_builder_style_ones()
    {
        // Options and test descriptions are filled by the host before use, as in Microsoft.Extensions.Options and
        // Microsoft.CodeAnalysis.Testing.
        HashSet<Type> builders = [typeof(PlanRules.Hosting.PlanRulesOptions), typeof(PlanTest)];
        var mutable = new List<string>();
        foreach (var type in Libraries.SelectMany(a => a.GetExportedTypes()).Where(t => !builders.Contains(t)))
        {
            var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.GetMethod is { IsPublic: true }).Select(p => (Member: (MemberInfo)p, Type: p.PropertyType))
                .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(f => ((MemberInfo)f, f.FieldType)));
            foreach (var (member, memberType) in members)
            {
                if (IsMutableCollection(memberType)) mutable.Add($"{type.FullName}.{member.Name}: {memberType.Name}");
            }
        }
        Assert.Empty(mutable);
    }

    private static bool IsMutableCollection(Type type) =>
        type.IsArray
        || type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(List<>) || definition == typeof(Dictionary<,>) || definition == typeof(HashSet<>)
                || definition == typeof(IList<>) || definition == typeof(ICollection<>) || definition == typeof(IDictionary<,>) || definition == typeof(ISet<>))
        || !type.IsGenericType && typeof(IList).IsAssignableFrom(type) && !type.Namespace!.StartsWith("System.Collections.Immutable", StringComparison.Ordinal);
}
