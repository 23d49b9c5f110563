namespace PlanRules.Binding;

/// <summary>Cycle finding over task dependencies or group memberships, iteratively (safe for long chains).</summary>
internal static class DependencyGraph
{
    /// <summary>
    /// Returns each cycle once, in order, starting at its node that comes first in <paramref name="nodes"/>;
    /// the first node is repeated at the end (<c>12 → 15 → 12</c>). Uses Tarjan's strongly connected components.
    /// </summary>
    public static List<List<T>> FindCycles<T>(IReadOnlyList<T> nodes, Func<T, IEnumerable<T>> edges) where T : class =>
        FindCycles(nodes, edges, out _);

    /// <summary>
    /// As <see cref="FindCycles{T}(IReadOnlyList{T}, Func{T, IEnumerable{T}})"/>, and gives the strongly connected
    /// components that hold a cycle: every node on some cycle, where the cycles returned name one per component.
    /// </summary>
    public static List<List<T>> FindCycles<T>(IReadOnlyList<T> nodes, Func<T, IEnumerable<T>> edges, out List<List<T>> cyclicComponents) where T : class
    {
        var order = new Dictionary<T, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++) order.TryAdd(nodes[i], i);

        // Tarjan's state is kept per node in arrays indexed by the node's position in `order`.
        var index = new int[nodes.Count];
        var lowLink = new int[nodes.Count];
        var onStack = new bool[nodes.Count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var components = new List<List<T>>();
        var work = new Stack<(int Node, IEnumerator<T> Edges)>();
        var counter = 0;

        foreach (var root in nodes)
        {
            var rootPosition = order[root];
            if (index[rootPosition] >= 0) continue;
            Visit(rootPosition);
            while (work.Count > 0)
            {
                var (node, enumerator) = work.Peek();
                if (enumerator.MoveNext())
                {
                    if (!order.TryGetValue(enumerator.Current, out var next)) continue;
                    if (index[next] < 0)
                    {
                        Visit(next);
                    }
                    else if (onStack[next])
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
                    var member = stack.Pop();
                    onStack[member] = false;
                    if (member == node)
                    {
                        // A single node is a cycle only with an edge to itself; most nodes end here, cheaply.
                        if (HasSelfLoop(nodes[node], edges)) components.Add([nodes[node]]);
                        continue;
                    }
                    var component = new List<T> { nodes[member] };
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(nodes[member]);
                    }
                    while (member != node);
                    components.Add(component);
                }
            }

            void Visit(int node)
            {
                index[node] = lowLink[node] = counter++;
                stack.Push(node);
                onStack[node] = true;
                work.Push((node, edges(nodes[node]).GetEnumerator()));
            }
        }

        cyclicComponents = components;
        var cycles = new List<List<T>>();
        foreach (var component in components)
        {
            var members = new HashSet<T>(component, ReferenceEqualityComparer.Instance);
            var start = component.OrderBy(n => order[n]).First();
            cycles.Add(PathBackTo(start, members, edges, order));
        }
        return cycles.OrderBy(c => order[c[0]]).ToList();
    }

    private static bool HasSelfLoop<T>(T node, Func<T, IEnumerable<T>> edges) where T : class
    {
        foreach (var next in edges(node))
        {
            if (ReferenceEquals(next, node)) return true;
        }
        return false;
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
                    // Collected backwards and reversed once: inserting at the front is quadratic on a long cycle.
                    var path = new List<T> { start };
                    for (var n = node; !ReferenceEquals(n, start); n = previous[n]) path.Add(n);
                    path.Add(start);
                    path.Reverse();
                    return path;
                }
                if (previous.TryAdd(next, node)) queue.Enqueue(next);
            }
        }
        return [start, start];
    }
}
