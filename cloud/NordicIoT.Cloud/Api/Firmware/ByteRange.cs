using System.Net.Http.Headers;

namespace NordicIoT.Cloud.Api.Firmware;

/// <summary>The part of a file a Range request asks for (RFC 9110 §14): one byte range, or the whole file when there is no usable Range header.</summary>
/// <param name="Start">First byte.</param>
/// <param name="Length">Bytes from <paramref name="Start"/>.</param>
/// <param name="Partial">True for a satisfiable range (206), false for the whole file (200).</param>
public readonly record struct ByteRange(long Start, long Length, bool Partial)
{
    /// <summary>The range of a file of <paramref name="size"/> bytes asked for by <paramref name="header"/>; null when it cannot be satisfied (416).</summary>
    /// <remarks>A malformed header, another unit, or several ranges are answered with the whole file, which the RFC allows.</remarks>
    public static ByteRange? Of(string? header, long size)
    {
        var whole = new ByteRange(0, size, false);
        if (string.IsNullOrWhiteSpace(header) || !RangeHeaderValue.TryParse(header, out var range)
            || !range.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
        {
            return whole;
        }

        var item = range.Ranges.First();
        if (item.From is { } from)
        {
            if (item.To is { } to && to < from)
            {
                return whole;
            }

            if (from >= size)
            {
                return null;
            }

            var end = Math.Min(item.To ?? size - 1, size - 1);
            return new ByteRange(from, end - from + 1, true);
        }

        // A suffix: the last N bytes.
        var suffix = item.To ?? 0;
        if (suffix == 0 || size == 0)
        {
            return null;
        }

        var start = Math.Max(0, size - suffix);
        return new ByteRange(start, size - start, true);
    }

    /// <summary>The Content-Range value of this range of a file of <paramref name="size"/> bytes.</summary>
    public string ContentRange(long size) => $"bytes {Start}-{Start + Length - 1}/{size}";
}
