namespace JsTorrent.Interop.Tests.Transfers
{
    /// <summary>
    /// The transfer tests run one at a time and not beside any other collection: each starts
    /// several processes and engines, and on two cores parallel transfers would only compete.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TransferCollection
    {
        public const string Name = "Transfers between real peers";
    }
}
