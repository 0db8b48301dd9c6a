using System.Globalization;
using System.Text;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>
/// The accepted time formats, for event values and parameters alike: <c>YYYY-MM-DD HH:MM:SS[.fff]</c>,
/// <c>YYYY-MM-DD</c> (midnight), ISO-8601 with <c>T</c>, <c>Z</c> or a <c>±hh:mm</c> offset
/// (converted to UTC), and Unix epoch numbers (below 1e11 seconds, from 1e11 milliseconds).
/// Times are kept as UTC milliseconds; digits beyond milliseconds are truncated.
/// </summary>
public static class Timestamps
{
    private const double MillisecondThreshold = 1e11;
    private static readonly long MinMs = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long MaxMs = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static bool TryParse(ReadOnlySpan<char> text, out long ms)
    {
        ms = 0;
        text = text.Trim();
        if (text.Length >= 10 && text[4] == '-' && text[7] == '-')
        {
            return TryParseCalendar(text, out ms);
        }
        return text.Length > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && TryFromEpoch(number, out ms);
    }

    public static bool TryFromEpoch(double number, out long ms)
    {
        ms = 0;
        if (!double.IsFinite(number))
        {
            return false;
        }
        var value = Math.Abs(number) < MillisecondThreshold ? number * 1000 : number;
        value = Math.Floor(value);
        if (value < MinMs || value > MaxMs)
        {
            return false;
        }
        ms = (long)value;
        return true;
    }

    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Bytes enough for <see cref="FormatDateTime(long, Span{byte})"/>.</summary>
    public const int DateTimeBytes = 32;

    public static string FormatDateTime(long ms)
    {
        Span<byte> utf8 = stackalloc byte[DateTimeBytes];
        return Encoding.ASCII.GetString(FormatDateTime(ms, utf8));
    }

    /// <summary>As <see cref="FormatDateTime(long)"/>, as UTF-8 into <paramref name="utf8"/>
    /// (<see cref="DateTimeBytes"/> long): the answers' JSON writer makes no string of it.</summary>
    public static ReadOnlySpan<byte> FormatDateTime(long ms, Span<byte> utf8)
    {
        // Years 0–9999 by arithmetic: the custom-format path of DateTime.TryFormat was 3 % of a
        // profile lookup's CPU. Stored times are years 1–9999; a week or month bucket of the first
        // days of year 1 starts in year 0, which DateTime cannot hold.
        if (ms is < MinFormattedMs or > MaxFormattedMs)
        {
            DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.TryFormat(utf8, out var length, DateTimeFormat, CultureInfo.InvariantCulture);
            return utf8[..length];
        }
        var days = Math.DivRem(ms, 86_400_000L, out var msOfDay);
        if (msOfDay < 0)
        {
            (days, msOfDay) = (days - 1, msOfDay + 86_400_000L);
        }
        var (year, month, day) = CivilFromDays(days);
        var seconds = (int)(msOfDay / 1000);
        WriteDigits(utf8, 0, year, 4);
        utf8[4] = (byte)'-';
        WriteDigits(utf8, 5, month, 2);
        utf8[7] = (byte)'-';
        WriteDigits(utf8, 8, day, 2);
        utf8[10] = (byte)' ';
        WriteDigits(utf8, 11, seconds / 3600, 2);
        utf8[13] = (byte)':';
        WriteDigits(utf8, 14, seconds / 60 % 60, 2);
        utf8[16] = (byte)':';
        WriteDigits(utf8, 17, seconds % 60, 2);
        return utf8[..19];
    }

    // 0000-01-01 and 9999-12-31 23:59:59.999 UTC (proleptic Gregorian), in Unix milliseconds.
    private const long MinFormattedMs = -62_167_219_200_000L;
    private const long MaxFormattedMs = 253_402_300_799_999L;

    /// <summary>The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
    /// days_from_civil, inverted).</summary>
    private static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719_468;
        var era = (days >= 0 ? days : days - 146_096) / 146_097;
        var dayOfEra = days - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1_460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var shiftedMonth = ((5 * dayOfYear) + 2) / 153;
        var day = dayOfYear - (((153 * shiftedMonth) + 2) / 5) + 1;
        var month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return ((int)year, (int)month, (int)day);
    }

    private static void WriteDigits(Span<byte> utf8, int at, int value, int width)
    {
        for (var i = at + width - 1; i >= at; i--)
        {
            utf8[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    public static string FormatDate(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryParseCalendar(ReadOnlySpan<char> s, out long ms)
    {
        ms = 0;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day))
        {
            return false;
        }
        int hour = 0, minute = 0, second = 0, millis = 0;
        var offsetMinutes = 0;
        var rest = s[10..];
        if (rest.Length > 0)
        {
            if ((rest[0] != ' ' && rest[0] != 'T') || rest.Length < 6
                || !Digits(rest, 1, 2, out hour) || rest[3] != ':' || !Digits(rest, 4, 2, out minute))
            {
                return false;
            }
            rest = rest[6..];
            if (rest.Length > 0 && rest[0] == ':')
            {
                if (!Digits(rest, 1, 2, out second))
                {
                    return false;
                }
                rest = rest[3..];
            }
            if (rest.Length > 0 && rest[0] == '.')
            {
                var digits = 0;
                while (digits + 1 < rest.Length && char.IsAsciiDigit(rest[digits + 1]))
                {
                    if (digits < 3)
                    {
                        millis = (millis * 10) + (rest[digits + 1] - '0');
                    }
                    digits++;
                }
                if (digits == 0)
                {
                    return false;
                }
                for (var d = digits; d < 3; d++)
                {
                    millis *= 10;
                }
                rest = rest[(digits + 1)..];
            }
            if (!TryParseOffset(rest, out offsetMinutes))
            {
                return false;
            }
        }
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var local = new DateTime(year, month, day, hour, minute, second, millis, DateTimeKind.Unspecified);
        ms = new DateTimeOffset(local, TimeSpan.Zero).ToUnixTimeMilliseconds() - (offsetMinutes * 60_000L);
        // An offset can carry the first or last day of the calendar past what a date can hold.
        return ms >= MinMs && ms <= MaxMs + 999;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> rest, out int minutes)
    {
        minutes = 0;
        if (rest.Length == 0 || rest is "Z" or "z")
        {
            return true;
        }
        if ((rest[0] != '+' && rest[0] != '-') || !Digits(rest, 1, 2, out var hours))
        {
            return false;
        }
        var mins = 0;
        if (rest.Length == 6 && rest[3] == ':')
        {
            if (!Digits(rest, 4, 2, out mins))
            {
                return false;
            }
        }
        else if (rest.Length == 5)
        {
            if (!Digits(rest, 3, 2, out mins))
            {
                return false;
            }
        }
        else if (rest.Length != 3)
        {
            return false;
        }
        if (hours > 18 || mins > 59)
        {
            return false;
        }
        minutes = (rest[0] == '-' ? -1 : 1) * ((hours * 60) + mins);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (s.Length < start + count)
        {
            return false;
        }
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
            value = (value * 10) + (s[i] - '0');
        }
        return true;
    }
}
