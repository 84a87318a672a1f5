using System.Threading.Tasks;
using JsTorrent.Adapters.Tests.LiteDb;

namespace JsTorrent.Adapters.Tests
{
    /// <summary>
    /// The test assembly's entry point (GenerateProgramFile is off): the test host never calls it, but
    /// <c>dotnet JsTorrent.Adapters.Tests.dll session-store-child ...</c> runs a session store in a child
    /// process for the tests that need a second process (ownership, a process killed after a write).
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == SessionStoreChild.Command)
            {
                return await SessionStoreChild.RunAsync(args);
            }

            return 0;
        }
    }
}
