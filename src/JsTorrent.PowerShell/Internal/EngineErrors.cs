using System;
using System.Management.Automation;
using JsTorrent.Adapters.LiteDb;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Error records for what can go wrong starting a runspace's engine, one ErrorId per cause.</summary>
    internal static class EngineErrors
    {
        public static ErrorRecord StartFailed(Exception error, object? target)
        {
            switch (error)
            {
                case SessionStoreInUseException inUse:
                    return new ErrorRecord(
                        new SessionStoreInUseException(
                            inUse.Path,
                            inUse.OwnerProcessId,
                            inUse.OwnerProcessName,
                            inUse.OwnerSinceUtc,
                            inUse.Message + " For this runspace: Start-TorrentEngine -SessionPath <another file>.",
                            inUse),
                        "SessionInUse",
                        ErrorCategory.ResourceBusy,
                        inUse.Path);
                case SessionStoreException unreadable:
                    return new ErrorRecord(unreadable, "SessionUnreadable", ErrorCategory.ReadError, unreadable.Path);
                case NetworkException network when network.Kind == NetworkErrorKind.AddressInUse:
                    return new ErrorRecord(network, "ListenPortInUse", ErrorCategory.ResourceUnavailable, target);
                case UnauthorizedAccessException denied:
                    return new ErrorRecord(denied, "EngineFolderAccessDenied", ErrorCategory.PermissionDenied, target);
                case System.IO.IOException io:
                    return new ErrorRecord(io, "EngineFolderUnavailable", ErrorCategory.ResourceUnavailable, target);
                default:
                    return new ErrorRecord(error, "EngineStartFailed", ErrorCategory.NotSpecified, target);
            }
        }
    }
}
