namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>
    /// Tests that compare measured rates or rotations with wall-clock expectations run on their own,
    /// after the parallel ones, so other tests' CPU use on a two-core machine cannot skew them.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TimingSensitive
    {
        public const string Name = "Timing-sensitive engine tests";
    }
}
