namespace PlanRules.Diagnostics;

/// <summary>
/// An exception of a host's code (an analyzer, a host function) as one line of a finding: its type and message.
/// Reading the message must not throw again: the exception is the host's, and its <see cref="Exception.Message"/>
/// may be overridden to throw, which would turn the isolated failure back into a crash.
/// </summary>
internal static class ExceptionText
{
    public static string OneLine(Exception exception) => (exception.GetType().Name + ": " + Message(exception)).ReplaceLineEndings(" ");

    /// <summary>The exception's message, or empty when reading it throws (a host's exception type may).</summary>
    public static string Message(Exception exception)
    {
        try
        {
            return exception.Message;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return "";
        }
    }
}
