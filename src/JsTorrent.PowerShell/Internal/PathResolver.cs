using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Turns -Path (wildcards) and -LiteralPath arguments into file-system paths, reporting each failure as a non-terminating error.</summary>
    internal static class PathResolver
    {
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[] paths, bool literal)
        {
            foreach (string path in paths)
            {
                var resolved = new List<string>();
                try
                {
                    if (literal)
                    {
                        resolved.Add(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                    }
                    else
                    {
                        resolved.AddRange(cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider));
                        if (provider.Name != "FileSystem")
                        {
                            cmdlet.WriteError(new ErrorRecord(
                                new PSArgumentException("'" + path + "' is not a file-system path."),
                                "NotAFileSystemPath",
                                ErrorCategory.InvalidArgument,
                                path));
                            continue;
                        }
                    }
                }
                catch (ItemNotFoundException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                    continue;
                }
                catch (System.Management.Automation.DriveNotFoundException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                    continue;
                }
                catch (ProviderNotFoundException e)
                {
                    cmdlet.WriteError(new ErrorRecord(e, "NotAFileSystemPath", ErrorCategory.InvalidArgument, path));
                    continue;
                }

                foreach (string item in resolved)
                {
                    yield return item;
                }
            }
        }

        /// <summary>
        /// The full file-system path of a -Path or -Destination argument; null (with the error written)
        /// when its drive does not exist or it is not a file-system path at all (Env:, HKLM:, ...).
        /// </summary>
        /// <param name="cmdlet">The cmdlet, on its pipeline thread.</param>
        /// <param name="path">The argument.</param>
        /// <param name="notFoundErrorId">The ErrorId when its drive does not exist.</param>
        /// <param name="invalidErrorId">The ErrorId when it is not a file-system path.</param>
        /// <param name="terminating">Throw the error (the cmdlet cannot go on) instead of writing it.</param>
        public static string? ResolveFileSystemPath(PSCmdlet cmdlet, string path, string notFoundErrorId, string invalidErrorId, bool terminating = false)
        {
            void Report(ErrorRecord record)
            {
                if (terminating)
                {
                    cmdlet.ThrowTerminatingError(record);
                }

                cmdlet.WriteError(record);
            }

            Exception error;
            try
            {
                string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
                if (provider.Name == "FileSystem")
                {
                    return System.IO.Path.GetFullPath(resolved);
                }

                error = new PSArgumentException("'" + path + "' is not a file-system path (its provider is " + provider.Name + ").");
            }
            catch (System.Management.Automation.DriveNotFoundException e)
            {
                Report(new ErrorRecord(e, notFoundErrorId, ErrorCategory.ObjectNotFound, path));
                return null;
            }
            catch (Exception e) when (e is ProviderNotFoundException || e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                // An unknown provider, or characters or a length the file system cannot take.
                error = e;
            }

            Report(new ErrorRecord(error, invalidErrorId, ErrorCategory.InvalidArgument, path));
            return null;
        }
    }
}
