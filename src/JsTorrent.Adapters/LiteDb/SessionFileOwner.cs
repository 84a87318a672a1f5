using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>
    /// Who owns a session file: the contents of the owner file (<c>&lt;db&gt;.owner</c>), simple
    /// <c>key=value</c> lines, so that an opener that is refused can name the owner.
    /// </summary>
    internal sealed class SessionFileOwner
    {
        // A real owner file is about 200 bytes; reading more would only serve a file that is not ours.
        private const int MaxOwnerFileBytes = 4096;
        private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        internal SessionFileOwner(int? processId, string? processName, string? machineName, DateTime? processStartUtc, DateTime? sinceUtc)
        {
            ProcessId = processId;
            ProcessName = processName;
            MachineName = machineName;
            ProcessStartUtc = processStartUtc;
            SinceUtc = sinceUtc;
        }

        internal int? ProcessId { get; }

        internal string? ProcessName { get; }

        internal string? MachineName { get; }

        /// <summary>When the owner process started: tells a reused process id from the owner.</summary>
        internal DateTime? ProcessStartUtc { get; }

        /// <summary>When the owner opened the session file.</summary>
        internal DateTime? SinceUtc { get; }

        /// <summary>The owner record of this process, opening the file at <paramref name="sinceUtc"/>.</summary>
        internal static SessionFileOwner ForCurrentProcess(DateTime sinceUtc)
        {
            using (var process = Process.GetCurrentProcess())
            {
                return new SessionFileOwner(process.Id, process.ProcessName, Environment.MachineName, TryGetStartUtc(process), sinceUtc);
            }
        }

        internal static int CurrentProcessId()
        {
            using (var process = Process.GetCurrentProcess())
            {
                return process.Id;
            }
        }

        /// <summary>Parses an owner file; lines it does not know are ignored, so null fields mean "not recorded".</summary>
        internal static SessionFileOwner Parse(string text)
        {
            int? processId = null;
            string? processName = null, machineName = null;
            DateTime? processStart = null, since = null;
            foreach (string rawLine in text.Split('\n'))
            {
                string line = rawLine.TrimEnd('\r');
                int equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    continue;
                }

                string key = line.Substring(0, equals).Trim();
                string value = line.Substring(equals + 1).Trim();
                switch (key)
                {
                    case "pid":
                        processId = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : (int?)null;
                        break;
                    case "process":
                        processName = value.Length > 0 ? value : null;
                        break;
                    case "machine":
                        machineName = value.Length > 0 ? value : null;
                        break;
                    case "processStartUtc":
                        processStart = ParseDate(value);
                        break;
                    case "sinceUtc":
                        since = ParseDate(value);
                        break;
                }
            }

            return new SessionFileOwner(processId, processName, machineName, processStart, since);
        }

        /// <summary>
        /// Reads the owner file, or null when there is none or it cannot be read. The owner file only
        /// informs: the lock file decides who owns the session. A missing file (the owner is still writing
        /// it, or just closed) or an unreadable one (a permission problem) only makes a message less specific,
        /// so those errors are answered with null rather than thrown over the real answer.
        /// </summary>
        internal static SessionFileOwner? TryRead(string ownerPath)
        {
            try
            {
                // ReadWrite|Delete: never stand in the way of an owner writing or deleting its file.
                using (var stream = new FileStream(ownerPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    var buffer = new byte[MaxOwnerFileBytes];
                    int length = 0;
                    int read;
                    while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                    {
                        length += read;
                    }

                    return length == 0 ? null : Parse(Utf8.GetString(buffer, 0, length));
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // See the summary: the owner file is advisory (FileNotFound and DirectoryNotFound are IOExceptions).
                return null;
            }
        }

        /// <summary>Writes this record to the owner file, replacing any previous one.</summary>
        internal void Write(string ownerPath)
        {
            byte[] bytes = Utf8.GetBytes(Format());

            // FileShare.ReadWrite: a refused opener reading the file at this moment must not make this fail.
            using (var stream = new FileStream(ownerPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
                stream.Write(bytes, 0, bytes.Length);
            }
        }

        internal string Format()
        {
            var text = new StringBuilder();
            text.Append("pid=").Append(ProcessId?.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("process=").Append(Clean(ProcessName)).Append('\n');
            text.Append("machine=").Append(Clean(MachineName)).Append('\n');
            text.Append("processStartUtc=").Append(ProcessStartUtc?.ToString(DateFormat, CultureInfo.InvariantCulture)).Append('\n');
            text.Append("sinceUtc=").Append(SinceUtc?.ToString(DateFormat, CultureInfo.InvariantCulture)).Append('\n');
            return text.ToString();
        }

        /// <summary>
        /// Whether the owner process still runs. Only consulted where the OS file lock is off
        /// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>); otherwise the lock answers. An owner on another
        /// machine cannot be checked and counts as alive; so does one whose start time cannot be read.
        /// </summary>
        internal bool IsAlive()
        {
            if (ProcessId is not int pid)
            {
                return false;
            }

            if (MachineName is not null && !string.Equals(MachineName, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            Process process;
            try
            {
                process = Process.GetProcessById(pid);
            }
            catch (ArgumentException)
            {
                // No process with that id runs.
                return false;
            }

            using (process)
            {
                if (HasExited(process))
                {
                    return false;
                }

                // The id may have been reused by a process started after the owner.
                DateTime? start = TryGetStartUtc(process);
                return ProcessStartUtc is null || start is null || Math.Abs((start.Value - ProcessStartUtc.Value).TotalSeconds) < 1;
            }
        }

        /// <summary>The "in use" message for a refused opener of <paramref name="path"/>.</summary>
        internal string DescribeInUse(string path)
        {
            var text = new StringBuilder();
            text.Append("The session file '").Append(path).Append("' is in use by ");
            bool sameMachine = MachineName is null || string.Equals(MachineName, Environment.MachineName, StringComparison.OrdinalIgnoreCase);
            bool self = sameMachine && ProcessId == CurrentProcessId();
            if (ProcessId is int pid)
            {
                text.Append("process ").Append(pid.ToString(CultureInfo.InvariantCulture));
                if (ProcessName is not null || self)
                {
                    text.Append(" (").Append(ProcessName ?? "?").Append(self ? ", this process)" : ")");
                }

                if (!sameMachine)
                {
                    text.Append(" on '").Append(MachineName).Append('\'');
                }
            }
            else
            {
                text.Append("another process");
            }

            if (SinceUtc is DateTime since)
            {
                text.Append(" since ").Append(since.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append('Z');
            }

            text.Append(self
                ? ". Use another session path, or close the engine or session store that has it open."
                : ". Use another session path, or stop that process.");
            return text.ToString();
        }

        private static DateTime? ParseDate(string value)
        {
            return DateTime.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime date)
                ? date
                : (DateTime?)null;
        }

        private static string? Clean(string? value)
        {
            // One value per line: a line break in a process or machine name would forge the next key.
            return value?.Replace('\r', ' ').Replace('\n', ' ');
        }

        private static bool HasExited(Process process)
        {
            try
            {
                return process.HasExited;
            }
            catch (Exception e) when (e is InvalidOperationException || e is Win32Exception)
            {
                // Not ours to inspect (another user's process): it exists, so it counts as running.
                return false;
            }
        }

        private static DateTime? TryGetStartUtc(Process process)
        {
            try
            {
                return process.StartTime.ToUniversalTime();
            }
            catch (Exception e) when (e is InvalidOperationException || e is Win32Exception || e is NotSupportedException)
            {
                // The start time is an extra check against reused ids; without it the id alone decides.
                return null;
            }
        }
    }
}
