using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using NodaTime;

namespace PlanRules.Rules.Runtime;

/// <summary>
/// The run-time list type of one element type (<c>IReadOnlyList&lt;T&gt;</c>) and the members the rule compiler
/// emits calls to. Element types are the closed set <see cref="Binding.RuleType.ClrType"/> produces; for those, and
/// for lists of them, every generic type and member is named here in source, so compiling a rule constructs no
/// generic type at run time and a Native AOT build of the tool has each instantiation compiled in.
/// </summary>
internal abstract class ListShape
{
    private static readonly Dictionary<Type, ListShape> Known = Table();
    private static readonly ConcurrentDictionary<Type, ListShape> Deeper = new();

    private protected ListShape(Type element, Type list, Type array, PropertyInfo count, PropertyInfo item, ConstructorInfo create, MethodInfo add)
    {
        Element = element;
        ListType = list;
        ArrayType = array;
        Count = count;
        Item = item;
        Create = create;
        Add = add;
    }

    /// <summary>The element type.</summary>
    public Type Element { get; }

    /// <summary><c>IReadOnlyList&lt;T&gt;</c>.</summary>
    public Type ListType { get; }

    /// <summary>
    /// <c>T[]</c>: what the model's lists are. The compiler reads an array's length and items directly, not through
    /// the interface: a compiled rule is a dynamic method, which the JIT does not profile, so every interface call
    /// on an array stays a stub call (most of the cost of <c>u in t.lead</c>).
    /// </summary>
    public Type ArrayType { get; }

    /// <summary><c>IReadOnlyCollection&lt;T&gt;.Count</c>.</summary>
    public PropertyInfo Count { get; }

    /// <summary><c>IReadOnlyList&lt;T&gt;[int]</c>.</summary>
    public PropertyInfo Item { get; }

    /// <summary><c>new List&lt;T&gt;(int capacity)</c>.</summary>
    public ConstructorInfo Create { get; }

    /// <summary><c>List&lt;T&gt;.Add</c>.</summary>
    public MethodInfo Add { get; }

    /// <summary>An immutable list of the given values (each already of the element type, or null).</summary>
    public abstract object Constant(IReadOnlyList<object?> values);

    /// <summary>The shape of lists of <paramref name="element"/>.</summary>
    public static ListShape For(Type element) =>
        Known.TryGetValue(element, out var shape) ? shape : Deeper.GetOrAdd(element, Construct);

    /// <summary>
    /// Lists nested three or more deep (<c>[[[1]]]</c>): the element is itself a list interface, a reference type,
    /// so the instantiation runs on the shared code every reference-type list already uses, also under Native AOT.
    /// </summary>
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only reference-type elements reach here; their instantiations share canonical code compiled for the known shapes.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Shape<T> is kept whole by DynamicDependency.")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Shape<>))]
    private static ListShape Construct(Type element)
    {
        if (element.IsValueType)
        {
            throw new NotSupportedException($"No list shape for the value type {element}: rule values use the types of RuleType.ClrType.");
        }
        var shape = typeof(Shape<>).MakeGenericType(element);
        return (ListShape)shape.GetField(nameof(Shape<object>.Instance), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    private static Dictionary<Type, ListShape> Table()
    {
        ListShape[] shapes =
        [
            Shape<bool>.Instance, Shape<long?>.Instance, Shape<decimal?>.Instance, Shape<string>.Instance,
            Shape<LocalDate?>.Instance, Shape<Period>.Instance, Shape<RuleStatus?>.Instance, Shape<TaskView>.Instance,
            Shape<UnitView>.Instance, Shape<ObligationView>.Instance, Shape<PlanView>.Instance, Shape<object>.Instance,
            Shape<IReadOnlyList<bool>>.Instance, Shape<IReadOnlyList<long?>>.Instance, Shape<IReadOnlyList<decimal?>>.Instance,
            Shape<IReadOnlyList<string>>.Instance, Shape<IReadOnlyList<LocalDate?>>.Instance, Shape<IReadOnlyList<Period>>.Instance,
            Shape<IReadOnlyList<RuleStatus?>>.Instance, Shape<IReadOnlyList<TaskView>>.Instance, Shape<IReadOnlyList<UnitView>>.Instance,
            Shape<IReadOnlyList<ObligationView>>.Instance, Shape<IReadOnlyList<PlanView>>.Instance, Shape<IReadOnlyList<object>>.Instance,
        ];
        return shapes.ToDictionary(s => s.Element);
    }

    private sealed class Shape<T> : ListShape
    {
        public static readonly Shape<T> Instance = new();

        private Shape()
            : base(
                typeof(T),
                typeof(IReadOnlyList<T>),
                typeof(T[]),
                typeof(IReadOnlyCollection<T>).GetProperty(nameof(IReadOnlyCollection<T>.Count))!,
                typeof(IReadOnlyList<T>).GetProperty("Item")!,
                typeof(List<T>).GetConstructor([typeof(int)])!,
                typeof(List<T>).GetMethod(nameof(List<T>.Add), [typeof(T)])!)
        {
        }

        public override object Constant(IReadOnlyList<object?> values)
        {
            var items = new T[values.Count];
            for (var i = 0; i < items.Length; i++) items[i] = (T)values[i]!;
            return Array.AsReadOnly(items);
        }
    }
}
