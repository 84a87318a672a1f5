using System.Collections.Generic;
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
                catch (DriveNotFoundException e)
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
    }
}
