using System;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using JsTorrent.Adapters.LiteDb;

namespace JsTorrent.Adapters.Tests.LiteDb
{
    /// <summary>
    /// The child process side: <c>session-store-child PATH hold [KEY HEX]</c> opens the store, writes KEY if
    /// given, prints "ready TAKEN-OVER-PID|-", then holds the store until its standard input closes;
    /// <c>session-store-child PATH try-open</c> prints "opened" or "in-use PID|- by-lock|by-owner-file" and exits.
    /// </summary>
    public static class SessionStoreChild
    {
        public const string Command = "session-store-child";
        public const int InUseExitCode = 3;

        public static async Task<int> RunAsync(string[] args)
        {
            string path = args[1];
            string mode = args[2];
            try
            {
                switch (mode)
                {
                    case "hold":
                        using (var store = LiteDbSessionStore.Open(path))
                        {
                            if (args.Length > 4)
                            {
                                await store.SetAsync(args[3], Convert.FromHexString(args[4]));
                            }

                            Console.Out.WriteLine("ready " + Format(store.TakenOverFromProcessId));
                            Console.Out.Flush();

                            // Held until the parent closes our input (or kills us).
                            while (await Console.In.ReadLineAsync() is not null)
                            {
                            }
                        }

                        Console.Out.WriteLine("closed");
                        return 0;

                    case "try-open":
                        using (LiteDbSessionStore.Open(path))
                        {
                            Console.Out.WriteLine("opened");
                        }

                        return 0;

                    default:
                        Console.Error.WriteLine("unknown mode " + mode);
                        return 2;
                }
            }
            catch (SessionStoreInUseException e)
            {
                // Which guard refused: the OS lock (its IOException inside) or, with locking off, the owner file.
                Console.Out.WriteLine("in-use " + Format(e.OwnerProcessId) + (e.InnerException is null ? " by-owner-file" : " by-lock"));
                Console.Error.WriteLine(e.Message);
                return InUseExitCode;
            }
        }

        private static string Format(int? processId) => processId?.ToString(CultureInfo.InvariantCulture) ?? "-";
    }
}
