using System.Text;
using NodaTime;
using PlanRules.Cli;

// Reports are written as they are produced: buffer standard output (Console.Out flushes on every write) and
// write UTF-8, whatever the console's code page, so redirected output is the same everywhere.
var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false, NewLine = "\n" };
try
{
    return CliApp.Run(args, stdout, Console.Error, Environment.CurrentDirectory, SystemClock.Instance);
}
finally
{
    stdout.Flush();
}
