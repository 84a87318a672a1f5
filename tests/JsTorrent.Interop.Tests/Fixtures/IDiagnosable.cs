namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>A participant of a transfer test that can say what it did, for the message of a failed test.</summary>
    public interface IDiagnosable
    {
        /// <summary>Everything useful about this participant so far: command line, output, log.</summary>
        string Describe();
    }
}
