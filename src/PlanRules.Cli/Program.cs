using NodaTime;
using PlanRules.Cli;

return CliApp.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory, SystemClock.Instance);
