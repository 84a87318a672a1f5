namespace JsTorrent.Adapters.Memory
{
    /// <summary>What happens to TCP connect attempts to an address and port (see <see cref="MemoryNetwork.SetConnectFault"/>).</summary>
    public enum MemoryConnectFault
    {
        /// <summary>No fault: connects behave normally.</summary>
        None,

        /// <summary>
        /// The attempt is silently dropped and never completes: it ends only when the caller's
        /// cancellation token fires (<see cref="System.OperationCanceledException"/>) or the socket is
        /// disposed (<see cref="System.ObjectDisposedException"/>), like a firewall that discards SYNs.
        /// </summary>
        Drop,

        /// <summary>The attempt fails at once with a <see cref="JsTorrent.Engine.Interfaces.NetworkException"/> of kind <see cref="JsTorrent.Engine.Interfaces.NetworkErrorKind.TimedOut"/>.</summary>
        TimeOut,
    }
}
