using System;

namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>Options of <see cref="LiteDbSessionStore.Open(string, SessionStoreOpenOptions?)"/>.</summary>
    public sealed class SessionStoreOpenOptions
    {
        /// <summary>
        /// The clock that stamps the owner file ("in use ... since"); null reads <see cref="DateTime.UtcNow"/>.
        /// </summary>
        public Func<DateTime>? UtcNow { get; set; }
    }
}
