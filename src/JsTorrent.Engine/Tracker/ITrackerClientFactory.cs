using System;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>Makes the client for a tracker URL; one per engine, so UDP trackers share one socket.</summary>
    internal interface ITrackerClientFactory
    {
        /// <summary>The client for <paramref name="url"/>, or null when its scheme is not one we speak (the manager logs and skips it).</summary>
        ITrackerClient? Create(Uri url);
    }
}
