using System.Text;
using PlanRules.Fuzz;
using SharpFuzz;

// Coverage-guided fuzzing harnesses for PlanRules (SharpFuzz + AFL++).
//
//   dotnet PlanRules.Fuzz.dll TARGET                  under afl-fuzz: the input arrives on standard input
//   dotnet PlanRules.Fuzz.dll TARGET FILE|DIR ...     replay inputs in-process (triage, regression checks)
//
// Any exception that escapes a harness is reported to afl-fuzz as a crash: the library promises that no
// input text makes it throw, so every crash is a bug. Hangs are caught by afl-fuzz's -t timeout.

if (args.Length == 0 || !Harnesses.All.TryGetValue(args[0], out var harness))
{
    Console.Error.WriteLine("usage: PlanRules.Fuzz TARGET [FILE|DIR ...]");
    Console.Error.WriteLine("targets: " + string.Join(", ", Harnesses.All.Keys));
    return 2;
}

if (args.Length > 1) return Replay.Run(harness, args[1..]);

// Out of process: the fork server survives what cannot be caught in-process (stack overflow, timeouts)
// by running the target in a child process that it restarts when it dies.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    harness(memory.ToArray());
});
return 0;

namespace PlanRules.Fuzz
{
    /// <summary>Runs saved inputs through a harness in-process and prints what escaped.</summary>
    internal static class Replay
    {
        public static int Run(Action<byte[]> harness, IEnumerable<string> paths)
        {
            var files = paths.SelectMany<string, string>(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p).Where(f => !Path.GetFileName(f).Equals("README.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                : [p]).ToList();
            var failures = 0;
            foreach (var file in files)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    harness(File.ReadAllBytes(file));
                    Console.WriteLine($"ok    {watch.ElapsedMilliseconds,6} ms  {file}");
                }
                catch (Exception e)
                {
                    failures++;
                    Console.WriteLine($"CRASH {watch.ElapsedMilliseconds,6} ms  {file}");
                    Console.WriteLine(e.ToString());
                }
            }
            Console.WriteLine($"{files.Count} inputs, {failures} crashed");
            return failures == 0 ? 0 : 1;
        }
    }

    /// <summary>Turns fuzzer bytes into text the way hosts do.</summary>
    internal static class Input
    {
        private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>
        /// The strict path first (<see cref="Text.SourceText.FromUtf8"/>, which the CLI uses and which throws
        /// <see cref="DecoderFallbackException"/> for invalid UTF-8, as documented); when it refuses the bytes,
        /// the lenient decoder that replaces invalid sequences with U+FFFD, as a host reading text would.
        /// </summary>
        public static Text.SourceText Decode(byte[] bytes, string path)
        {
            try
            {
                return Text.SourceText.FromUtf8(bytes, path);
            }
            catch (DecoderFallbackException)
            {
                return new Text.SourceText(Lenient.GetString(bytes), path);
            }
        }
    }
}
