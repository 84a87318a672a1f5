using System.Threading.Tasks;
using JsTorrent.Interop.Tests.Session;

namespace JsTorrent.Interop.Tests
{
    /// <summary>
    /// The test assembly's entry point (GenerateProgramFile is off): the test host never calls it, but
    /// <c>dotnet JsTorrent.Interop.Tests.dll session-download-child ...</c> runs a native engine in a
    /// child process that the kill tests can SIGKILL.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == SessionDownloadChild.Command)
            {
                return await SessionDownloadChild.RunAsync(args);
            }

            return 0;
        }
    }
}
