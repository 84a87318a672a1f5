using System;
using System.Diagnostics;
using System.Globalization;
using JsTorrent.Adapters.LiteDb;

namespace JsTorrent.Adapters.Tests.LiteDb
{
    public class SessionFileOwnerTests
    {
        [Fact]
        public void TheCurrentProcessRecordRoundTripsThroughItsText()
        {
            var since = new DateTime(2026, 11, 24, 10, 0, 0, 123, DateTimeKind.Utc);
            var owner = SessionFileOwner.ForCurrentProcess(since);
            var parsed = SessionFileOwner.Parse(owner.Format());

            using var self = Process.GetCurrentProcess();
            Assert.Equal(Environment.ProcessId, parsed.ProcessId);
            Assert.Equal(self.ProcessName, parsed.ProcessName);
            Assert.Equal(Environment.MachineName, parsed.MachineName);
            Assert.Equal(since, parsed.SinceUtc);
            Assert.Equal(DateTimeKind.Utc, parsed.SinceUtc!.Value.Kind);
            Assert.Equal(owner.ProcessStartUtc, parsed.ProcessStartUtc);
            Assert.True(parsed.IsAlive());
        }

        [Fact]
        public void ParsingToleratesForeignLinesCrLfAndGarbage()
        {
            var parsed = SessionFileOwner.Parse("# note\r\nfuture=1\r\npid=42\r\nprocess=pwsh\r\nsinceUtc=yesterday\r\n=\r\nnoequals\r\n");
            Assert.Equal(42, parsed.ProcessId);
            Assert.Equal("pwsh", parsed.ProcessName);
            Assert.Null(parsed.SinceUtc);
            Assert.Null(parsed.MachineName);

            Assert.Null(SessionFileOwner.Parse("pid=-5\n").ProcessId);
            Assert.Null(SessionFileOwner.Parse("pid=12x\n").ProcessId);
            Assert.Null(SessionFileOwner.Parse(string.Empty).ProcessId);
        }

        [Fact]
        public void ALineBreakInANameCannotForgeAnotherKey()
        {
            var owner = new SessionFileOwner(7, "evil\npid=1", "host\r\nprocess=x", null, null);
            var parsed = SessionFileOwner.Parse(owner.Format());
            Assert.Equal(7, parsed.ProcessId);
            Assert.Equal("evil pid=1", parsed.ProcessName);
        }

        [Fact]
        public void TheInUseMessageNamesTheOwnerItKnows()
        {
            const string path = "/x/session.db";
            var since = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);

            Assert.Equal(
                "The session file '/x/session.db' is in use by process 1234 (pwsh) since 2026-11-24 10:00:00Z. Use another session path, or stop that process.",
                new SessionFileOwner(1234, "pwsh", Environment.MachineName, null, since).DescribeInUse(path));
            Assert.Equal(
                "The session file '/x/session.db' is in use by process 1234 (pwsh) on 'elsewhere' since 2026-11-24 10:00:00Z. Use another session path, or stop that process.",
                new SessionFileOwner(1234, "pwsh", "elsewhere", null, since).DescribeInUse(path));
            Assert.Equal(
                "The session file '/x/session.db' is in use by another process. Use another session path, or stop that process.",
                new SessionFileOwner(null, null, null, null, null).DescribeInUse(path));

            string self = new SessionFileOwner(Environment.ProcessId, "me", null, null, null).DescribeInUse(path);
            Assert.StartsWith("The session file '/x/session.db' is in use by process " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " (me, this process).", self, StringComparison.Ordinal);
        }

        [Fact]
        public void LivenessFollowsTheProcessIdAndItsStartTime()
        {
            var self = SessionFileOwner.ForCurrentProcess(DateTime.UtcNow);
            Assert.True(self.IsAlive());

            // The same id with another start time is a reused id: not the owner.
            var reused = new SessionFileOwner(self.ProcessId, self.ProcessName, Environment.MachineName, self.ProcessStartUtc!.Value.AddHours(-1), null);
            Assert.False(reused.IsAlive());

            Assert.False(new SessionFileOwner(null, null, null, null, null).IsAlive());

            // On another machine nothing can be checked: it counts as alive.
            Assert.True(new SessionFileOwner(int.MaxValue, "x", "another-machine-" + Guid.NewGuid().ToString("N"), null, null).IsAlive());
        }
    }
}
