using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// Checks and copies the public <see cref="MagnetLink"/> constructor's arguments, so that every
    /// link can be formatted and parsed back to itself; failures are <see cref="ArgumentException"/>s
    /// naming the argument.
    /// </summary>
    internal static class MagnetLinkArguments
    {
        /// <summary>Returns <paramref name="text"/> unchanged, or throws when it cannot be encoded as UTF-8.</summary>
        public static string? CheckText(string? text, string parameterName)
        {
            if (text != null && !IsWellFormed(text))
            {
                throw new ArgumentException("The text contains an unpaired UTF-16 surrogate and cannot be encoded as UTF-8.", parameterName);
            }

            return text;
        }

        /// <summary>Copies the URLs, rejecting null, empty or ill-formed ones; null gives an empty list.</summary>
        public static List<string> CheckUrls(IEnumerable<string>? urls, string parameterName)
        {
            var list = new List<string>();
            if (urls is null)
            {
                return list;
            }

            foreach (string url in urls)
            {
                if (string.IsNullOrEmpty(url))
                {
                    throw new ArgumentException("The list contains a null or empty URL.", parameterName);
                }

                list.Add(CheckText(url, parameterName)!);
            }

            return list;
        }

        /// <summary>Copies the peers, rejecting the default value; null gives an empty list.</summary>
        public static List<MagnetPeer> CheckPeers(IEnumerable<MagnetPeer>? peers, string parameterName)
        {
            var list = new List<MagnetPeer>();
            if (peers is null)
            {
                return list;
            }

            foreach (var peer in peers)
            {
                if (peer.Port == 0)
                {
                    throw new ArgumentException("The list contains a default (empty) peer.", parameterName);
                }

                list.Add(peer);
            }

            return list;
        }

        /// <summary>
        /// Copies the additional parameters, rejecting empty names, null values, ill-formed text and
        /// names <see cref="MagnetLink"/> interprets itself; null gives an empty list.
        /// </summary>
        public static List<KeyValuePair<string, string>> CheckParameters(
            IEnumerable<KeyValuePair<string, string>>? parameters,
            string parameterName)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (parameters is null)
            {
                return list;
            }

            foreach (var parameter in parameters)
            {
                if (string.IsNullOrEmpty(parameter.Key) || parameter.Value is null)
                {
                    throw new ArgumentException("Every additional parameter needs a non-empty name and a non-null value.", parameterName);
                }

                if (MagnetLinkSyntax.Classify(parameter.Key) != MagnetParameterKind.Unknown)
                {
                    throw new ArgumentException(
                        "'" + parameter.Key + "' is a parameter this type interprets; pass it through the matching constructor argument.",
                        parameterName);
                }

                CheckText(parameter.Key, parameterName);
                CheckText(parameter.Value, parameterName);
                list.Add(parameter);
            }

            return list;
        }

        private static bool IsWellFormed(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
