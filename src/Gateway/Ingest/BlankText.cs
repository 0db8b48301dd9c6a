using System.Text;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Whether UTF-8 text is empty or only white space, by .NET's definition
/// (<see cref="char.IsWhiteSpace(char)"/>, Unicode's spaces included): Orleans refuses such a
/// string as a grain key, so a user or segment id that is blank could be stored but never have
/// its grain.</summary>
internal static class BlankText
{
    public static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                return false;
            }
            utf8 = utf8[consumed..];
        }
        return true;
    }
}
