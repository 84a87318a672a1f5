using System;
using System.Management.Automation;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Runs one torrent's engine work for a cmdlet that handles several: a failure becomes an error record for that
    /// torrent (the cmdlet goes on with the next), Ctrl+C stops the pipeline.
    /// </summary>
    internal static class TorrentOperation
    {
        /// <summary>Runs <paramref name="work"/> (engine work only, no pipeline writes); returns false after writing the error when it failed.</summary>
        /// <param name="cmdlet">The cmdlet, on its pipeline thread.</param>
        /// <param name="torrent">The torrent the work is for (the error's target).</param>
        /// <param name="errorId">The cmdlet's own ErrorId for a failure with no more specific cause.</param>
        /// <param name="category">Its category.</param>
        /// <param name="work">The work.</param>
        public static bool Try(EngineCmdlet cmdlet, Torrent torrent, string errorId, ErrorCategory category, Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (OperationCanceledException) when (cmdlet.Stopping)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !(e is OperationCanceledException && cmdlet.Stopping))
            {
                cmdlet.WriteError(Describe(e, torrent, errorId, category));
                return false;
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> and hands back its result; false after writing the error when it failed. Only the
        /// engine work belongs in <paramref name="work"/>: what the cmdlet writes afterwards must not be caught here
        /// (an error thrown by a later command of the pipeline is not this torrent's failure).
        /// </summary>
        public static bool Try<T>(EngineCmdlet cmdlet, Torrent torrent, string errorId, ErrorCategory category, Func<T> work, out T result)
        {
            T value = default!;
            bool done = Try(cmdlet, torrent, errorId, category, () => value = work());
            result = value;
            return done;
        }

        /// <summary>The error record of a failure: the engine stopped, the torrent was removed meanwhile, or the operation's own.</summary>
        public static ErrorRecord Describe(Exception error, Torrent torrent, string errorId, ErrorCategory category)
        {
            if (error is ObjectDisposedException || torrent.Owner.IsDisposed)
            {
                return new ErrorRecord(error, "EngineStopped", ErrorCategory.ResourceUnavailable, torrent);
            }

            if (!ReferenceEquals(torrent.Owner.Engine.GetTorrent(torrent.Engine.InfoHash), torrent.Engine))
            {
                return new ErrorRecord(error, "TorrentRemoved", ErrorCategory.ObjectNotFound, torrent);
            }

            if (error is StorageException storage && storage.Kind == StorageErrorKind.AccessDenied)
            {
                return new ErrorRecord(error, errorId, ErrorCategory.PermissionDenied, torrent);
            }

            return new ErrorRecord(error, errorId, category, torrent);
        }
    }
}
