namespace JsTorrent.Engine.Protocol
{
    /// <summary>The magnet link parameters <see cref="MagnetLink"/> interprets; everything else is <see cref="Unknown"/>.</summary>
    internal enum MagnetParameterKind
    {
        /// <summary>A parameter kept verbatim in <see cref="MagnetLink.AdditionalParameters"/>.</summary>
        Unknown,

        /// <summary><c>xt</c> or <c>xt.N</c>.</summary>
        ExactTopic,

        /// <summary><c>dn</c>.</summary>
        DisplayName,

        /// <summary><c>tr</c> or <c>tr.N</c>.</summary>
        Tracker,

        /// <summary><c>ws</c>.</summary>
        WebSeed,

        /// <summary><c>x.pe</c>.</summary>
        Peer,

        /// <summary><c>so</c> (BEP 53).</summary>
        SelectOnly,

        /// <summary><c>xl</c>.</summary>
        ExactLength,
    }
}
