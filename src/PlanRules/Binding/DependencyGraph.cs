namespace PlanRules.Binding;

/// <summary>Cycle finding over task dependencies or group memberships, iteratively (safe for long chains).</summary>
internal static class DependencyGraph
{
    /// <summary>
    /// Returns each cycle once, in order, starting at its node that comes first in <paramref name="nodes"/>;
    /// the first node is repeated at the end (<c>12 → 15 → 12</c>). Uses Tarjan's strongly connected components.
    /// </summary>
    public static List<List<T>> FindCycles<T>(IReadOnlyList<T> nodes, Func<T, IEnumerable<T>> edges) where T : class
    {
        var order = new Dictionary<T, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++) order.TryAdd(nodes[i], i);

        var index = new Dictionary<T, int>(ReferenceEqualityComparer.Instance);
        var lowLink = new Dictionary<T, int>(ReferenceEqualityComparer.Instance);
        var onStack = new HashSet<T>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<T>();
        var components = new List<List<T>>();
        var counter = 0;

        foreach (var root in nodes)
        {
            if (index.ContainsKey(root)) continue;
            var work = new Stack<(T Node, IEnumerator<T> Edges)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (node, enumerator) = work.Peek();
                if (enumerator.MoveNext())
                {
                    var next = enumerator.Current;
                    if (!order.ContainsKey(next)) continue;
                    if (!index.ContainsKey(next))
                    {
                        Visit(next);
                    }
                    else if (onStack.Contains(next))
                    {
                        lowLink[node] = Math.Min(lowLink[node], index[next]);
                    }
                    continue;
                }
                work.Pop();
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    lowLink[parent] = Math.Min(lowLink[parent], lowLink[node]);
                }
                if (lowLink[node] == index[node])
                {
                    var component = new List<T>();
                    T member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (!ReferenceEquals(member, node));
                    components.Add(component);
                }
            }

            void Visit(T node)
            {
                index[node] = lowLink[node] = counter++;
                stack.Push(node);
                onStack.Add(node);
                work.Push((node, edges(node).GetEnumerator()));
            }
        }

        var cycles = new List<List<T>>();
        foreach (var component in components)
        {
            var members = new HashSet<T>(component, ReferenceEqualityComparer.Instance);
            var start = component.OrderBy(n => order[n]).First();
            if (component.Count == 1 && !edges(start).Any(e => ReferenceEquals(e, start))) continue;
            cycles.Add(PathBackTo(start, members, edges, order));
        }
        return cycles.OrderBy(c => order[c[0]]).ToList();
    }

    /// <summary>Shortest path from <paramref name="start"/> back to itself inside one component (BFS).</summary>
    private static List<T> PathBackTo<T>(T start, HashSet<T> members, Func<T, IEnumerable<T>> edges, Dictionary<T, int> order) where T : class
    {
        var previous = new Dictionary<T, T>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<T>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in edges(node).Where(members.Contains).OrderBy(n => order[n]))
            {
                if (ReferenceEquals(next, start))
                {
                    var path = new List<T> { start };
                    for (var n = node; !ReferenceEquals(n, start); n = previous[n]) path.Insert(1, n);
                    path.Add(start);
                    return path;
                }
                if (previous.TryAdd(next, node)) queue.Enqueue(next);
            }
        }
        return [start, start];
    }
}
