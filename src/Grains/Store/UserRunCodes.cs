namespace UserAnalytics.Grains.Store;

/// <summary>
/// A code column of a sealed block kept per user run rather than per row: one code for each user
/// whose rows all hold the same one (a user's country, device, browser…), and the rows of the other
/// users, in block order, as a plain vector beside it. For a column that describes the user rather
/// than the event this turns a byte per row into about a byte per user. Reading a row needs its
/// user: <see cref="At"/> is two lookups, the row indexer a binary search over the runs.
/// </summary>
internal sealed class UserRunCodes
{
    private readonly int[] _userStart;
    private readonly CodeVector _users;
    private readonly int _mixed;
    private readonly int[]? _restOffset;
    private readonly CodeVector _rest;

    /// <param name="userStart">The block's run starts (users + 1 entries), shared, not copied.</param>
    /// <param name="users">Each user's code, or <paramref name="mixed"/> when its rows differ.</param>
    /// <param name="mixed">The marker of a mixed user: one above the greatest code.</param>
    /// <param name="restOffset">Per user, where a mixed user's rows are in <paramref name="rest"/>
    /// minus its run start; null when no user is mixed.</param>
    /// <param name="rest">The rows of the mixed users.</param>
    private UserRunCodes(int[] userStart, CodeVector users, int mixed, int[]? restOffset, CodeVector rest)
    {
        _userStart = userStart;
        _users = users;
        _mixed = mixed;
        _restOffset = restOffset;
        _rest = rest;
    }

    public int Length => _userStart[^1];

    public long Bytes => _users.Bytes + _rest.Bytes + ((_restOffset?.Length ?? 0) * 4L);

    /// <summary>The column per user run when that takes at most half the bytes of one code per row; else null.</summary>
    public static UserRunCodes? TryBuild(ReadOnlySpan<int> values, int maxCode, int[] userStart)
    {
        var userCount = userStart.Length - 1;
        if (userCount <= 0 || values.Length != userStart[^1])
        {
            return null;
        }
        var mixed = maxCode + 1;
        var users = new int[userCount];
        var restRows = 0;
        for (var u = 0; u < userCount; u++)
        {
            var run = values[userStart[u]..userStart[u + 1]];
            if (run.IsEmpty || run[1..].IndexOfAnyExcept(run[0]) < 0)
            {
                users[u] = run.IsEmpty ? 0 : run[0];
                continue;
            }
            users[u] = mixed;
            restRows += run.Length;
        }
        var plainBytes = (long)values.Length * WidthOf(maxCode);
        var runBytes = ((long)userCount * WidthOf(mixed)) + ((long)restRows * WidthOf(maxCode)) + (restRows > 0 ? userCount * 4L : 0);
        if (runBytes * 2 > plainBytes)
        {
            return null;
        }
        var rest = new int[restRows];
        int[]? restOffset = restRows > 0 ? new int[userCount] : null;
        var at = 0;
        for (var u = 0; u < userCount && restOffset is not null; u++)
        {
            if (users[u] == mixed)
            {
                restOffset[u] = at - userStart[u];
                values[userStart[u]..userStart[u + 1]].CopyTo(rest.AsSpan(at));
                at += userStart[u + 1] - userStart[u];
            }
        }
        return new UserRunCodes(userStart, CodeVector.Build(users, mixed), mixed, restOffset, CodeVector.Build(rest, maxCode));
    }

    private static int WidthOf(int maxCode) => maxCode <= byte.MaxValue ? 1 : maxCode <= ushort.MaxValue ? 2 : 4;

    /// <summary>The code of every row of <paramref name="user"/>'s run, or -1 when its rows differ
    /// (or the user has no run in this block).</summary>
    public int UserCode(int user)
    {
        if ((uint)user >= (uint)_users.Length)
        {
            return -1;
        }
        var code = _users[user];
        return code == _mixed ? -1 : code;
    }

    /// <summary>The code of <paramref name="row"/>, which is in <paramref name="user"/>'s run.</summary>
    public int At(int user, int row)
    {
        var code = _users[user];
        return code != _mixed ? code : _rest[row + _restOffset![user]];
    }

    public int this[int row] => At(UserOf(row), row);

    /// <summary>The user whose run holds <paramref name="row"/>: the last one starting at or before it.</summary>
    private int UserOf(int row)
    {
        int lo = 0, hi = _userStart.Length - 2;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (_userStart[mid] <= row)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /// <summary>Calls <paramref name="segment"/> for each user's share of rows [start, start + length):
    /// (user, first row, end row, code or -1 when the user is mixed).</summary>
    private void ForEachRun(int start, int length, Action<int, int, int, int> segment)
    {
        var end = start + length;
        for (int u = length > 0 ? UserOf(start) : 0, row = start; row < end; u++)
        {
            var runEnd = Math.Min(_userStart[u + 1], end);
            if (runEnd > row)
            {
                segment(u, row, runEnd, UserCode(u));
                row = runEnd;
            }
        }
    }

    public void Widen(int start, Span<int> target)
    {
        // A span cannot be captured by the callback: fill run by run here instead.
        var end = start + target.Length;
        for (int u = target.Length > 0 ? UserOf(start) : 0, row = start; row < end; u++)
        {
            var runEnd = Math.Min(_userStart[u + 1], end);
            if (runEnd <= row)
            {
                continue;
            }
            var into = target[(row - start)..(runEnd - start)];
            var code = UserCode(u);
            if (code >= 0)
            {
                into.Fill(code);
            }
            else
            {
                for (var i = 0; i < into.Length; i++)
                {
                    into[i] = _rest[row + i + _restOffset![u]];
                }
            }
            row = runEnd;
        }
    }

    public int Count(int code, int start, int length)
    {
        var count = 0;
        ForEachRun(start, length, (u, from, to, runCode) =>
            count += runCode >= 0 ? (runCode == code ? to - from : 0) : _rest.Count(code, from + _restOffset![u], to - from));
        return count;
    }

    public int IndexOf(int code, int start)
    {
        for (int u = start < Length ? UserOf(start) : _users.Length, row = start; u < _users.Length; u++)
        {
            var runEnd = _userStart[u + 1];
            if (runEnd <= row)
            {
                continue;
            }
            var runCode = UserCode(u);
            if (runCode >= 0)
            {
                if (runCode == code)
                {
                    return row;
                }
            }
            else
            {
                for (var r = row; r < runEnd; r++)
                {
                    if (_rest[r + _restOffset![u]] == code)
                    {
                        return r;
                    }
                }
            }
            row = runEnd;
        }
        return -1;
    }

    public int Max()
    {
        var max = _rest.Max();
        for (var u = 0; u < _users.Length; u++)
        {
            var code = UserCode(u);
            if (code > max && _userStart[u + 1] > _userStart[u])
            {
                max = code;
            }
        }
        return max;
    }

    public void Write(BinaryWriter writer)
    {
        _users.Write(writer);
        writer.Write(_mixed);
        writer.Write(_restOffset is not null);
        if (_restOffset is not null)
        {
            BinaryArrays.Write(writer, _restOffset);
        }
        _rest.Write(writer);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, for the block whose run starts are <paramref name="userStart"/>.</summary>
    public static UserRunCodes Read(BinaryReader reader, int[] userStart)
    {
        var users = CodeVector.Read(reader, null);
        var mixed = reader.ReadInt32();
        var restOffset = reader.ReadBoolean() ? BinaryArrays.Read<int>(reader) : null;
        var rest = CodeVector.Read(reader, null);
        var userCount = userStart.Length - 1;
        if (users.Length != userCount || (userCount > 0 && users.Max() > mixed) || (restOffset is not null && restOffset.Length != userCount))
        {
            throw Invalid();
        }
        var restRows = 0;
        for (var u = 0; u < userCount; u++)
        {
            if (users[u] != mixed)
            {
                continue;
            }
            if (restOffset is null || restOffset[u] + userStart[u] != restRows)
            {
                throw Invalid();
            }
            restRows += userStart[u + 1] - userStart[u];
        }
        return restRows == rest.Length ? new UserRunCodes(userStart, users, mixed, restOffset, rest) : throw Invalid();

        static InvalidDataException Invalid() => new("The checkpoint's per-user code column does not match the block's user runs.");
    }
}
