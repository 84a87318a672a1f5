using System;
using System.IO;
using System.Runtime.InteropServices;

namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>
    /// Ownership of a session file for the lifetime of one store: the lock file <c>&lt;db&gt;.lock</c>
    /// held open with <see cref="FileShare.None"/>, plus the owner file <c>&lt;db&gt;.owner</c> that names
    /// the owner to refused openers.
    /// </summary>
    /// <remarks>
    /// <see cref="FileShare.None"/> is enforced by Windows share modes and, on Unix, by .NET taking
    /// <c>flock(LOCK_EX | LOCK_NB)</c>: flock locks belong to an open file description, so a second open
    /// conflicts even within one process, and the OS releases the lock when the owner dies, however it dies.
    /// The lock file itself is never deleted: on Unix, unlinking a locked file lets a waiting opener lock the
    /// unlinked inode while a third one creates and locks a new file at the same path, and both would own
    /// the session. An empty leftover lock file is harmless. Where .NET's file locking is switched off
    /// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>) the owner file decides instead, best effort: a live
    /// owner process refuses the open, a dead one is taken over.
    /// </remarks>
    internal sealed class SessionFileLock : IDisposable
    {
        private const string DisableLockingSwitch = "System.IO.DisableFileLocking";
        private const string DisableLockingVariable = "DOTNET_SYSTEM_IO_DISABLEFILELOCKING";

        private FileStream? _lockStream;

        private SessionFileLock(FileStream lockStream, string ownerPath, SessionFileOwner? previousOwner)
        {
            _lockStream = lockStream;
            OwnerPath = ownerPath;
            PreviousOwner = previousOwner;
        }

        /// <summary>The owner file's path.</summary>
        internal string OwnerPath { get; }

        /// <summary>The owner file left by an owner that no longer held the lock (it died, or did not clean up), if any.</summary>
        internal SessionFileOwner? PreviousOwner { get; }

        internal static string LockPathFor(string databasePath) => databasePath + ".lock";

        internal static string OwnerPathFor(string databasePath) => databasePath + ".owner";

        /// <summary>Whether .NET's file locking is switched off on this platform (FileShare is then not enforced).</summary>
        internal static bool IsFileLockingDisabled()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // Share modes are the OS's own there; the switch only concerns the Unix emulation.
                return false;
            }

            if (AppContext.TryGetSwitch(DisableLockingSwitch, out bool disabled))
            {
                return disabled;
            }

            string? variable = Environment.GetEnvironmentVariable(DisableLockingVariable);
            return variable is not null
                && (variable == "1" || string.Equals(variable.Trim(), "true", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Takes ownership of the session file at <paramref name="databasePath"/> (a full path) or throws
        /// <see cref="SessionStoreInUseException"/> naming the owner.
        /// </summary>
        internal static SessionFileLock Acquire(string databasePath, DateTime nowUtc)
        {
            string lockPath = LockPathFor(databasePath);
            string ownerPath = OwnerPathFor(databasePath);
            FileStream lockStream;
            try
            {
                lockStream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (IsSharingViolation(e))
            {
                throw InUse(databasePath, SessionFileOwner.TryRead(ownerPath), e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SessionStoreException(databasePath, "The lock file '" + lockPath + "' of the session file '" + databasePath + "' cannot be opened: " + e.Message, e);
            }

            try
            {
                SessionFileOwner? previous = SessionFileOwner.TryRead(ownerPath);
                if (previous is not null && IsFileLockingDisabled() && previous.IsAlive())
                {
                    throw InUse(databasePath, previous, null);
                }

                WriteOwnerFile(databasePath, ownerPath, SessionFileOwner.ForCurrentProcess(nowUtc));
                return new SessionFileLock(lockStream, ownerPath, previous);
            }
            catch
            {
                lockStream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Deletes the owner file, then releases the lock: in this order, the next owner's file can never be
        /// the one deleted. A failed delete is thrown (after the lock is released); a leftover owner file is
        /// harmless, since the next opener takes it over.
        /// </summary>
        public void Dispose()
        {
            FileStream? stream = _lockStream;
            if (stream is null)
            {
                return;
            }

            _lockStream = null;
            try
            {
                DeleteOwnerFile(OwnerPath);
            }
            finally
            {
                stream.Dispose();
            }
        }

        private static void WriteOwnerFile(string databasePath, string ownerPath, SessionFileOwner owner)
        {
            try
            {
                owner.Write(ownerPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SessionStoreException(databasePath, "The owner file '" + ownerPath + "' of the session file '" + databasePath + "' cannot be written: " + e.Message, e);
            }
        }

        private static void DeleteOwnerFile(string ownerPath)
        {
            try
            {
                // No exception when the file is already gone.
                File.Delete(ownerPath);
            }
            catch (DirectoryNotFoundException)
            {
                // The folder was deleted with the file in it (Windows reports a missing folder, Unix does not).
            }
        }

        private static bool IsSharingViolation(IOException e)
        {
            if (e is FileNotFoundException || e is DirectoryNotFoundException || e is PathTooLongException)
            {
                return false;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
                int code = e.HResult & 0xFFFF;
                return code == 32 || code == 33;
            }

            // .NET reports a failed flock(LOCK_NB) with the errno as HResult: EWOULDBLOCK is 11 on Linux, 35 on the BSDs and macOS.
            return e.HResult == (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? 11 : 35);
        }

        private static SessionStoreInUseException InUse(string databasePath, SessionFileOwner? owner, Exception? innerException)
        {
            owner ??= new SessionFileOwner(null, null, null, null, null);
            return new SessionStoreInUseException(databasePath, owner.ProcessId, owner.ProcessName, owner.SinceUtc, owner.DescribeInUse(databasePath), innerException);
        }
    }
}
