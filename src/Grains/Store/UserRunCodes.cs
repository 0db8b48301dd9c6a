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
        var plainBytes = (long)values.Length * CodeVector.WidthFor(maxCode);
        var runBytes = ((long)userCount * CodeVector.WidthFor(mixed)) + ((long)restRows * CodeVector.WidthFor(maxCode)) + (restRows > 0 ? userCount * 4L : 0);
        if (runBytes * 2 > plainBytes)
        {
            return null;
        }
        var rest = new int[restRows];
        int[]? restOffset = restRows > 0 ? new int[userCount] : null;
        var at = 0;
        for (var u = 0; restOffset is not null && u < userCount; u++)
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

    /// <summary>Each user's share of rows [start, end), in row order.</summary>
    private RunSegments Segments(int start, int end) => new(this, start, end);

    public void CopyTo(int start, Span<int> target)
    {
        foreach (var (user, from, to, code) in Segments(start, start + target.Length))
        {
            var into = target[(from - start)..(to - start)];
            if (code >= 0)
            {
                into.Fill(code);
            }
            else
            {
                _rest.CopyTo(from + _restOffset![user], into);
            }
        }
    }

    public int Count(int code, int start, int length)
    {
        var count = 0;
        foreach (var (user, from, to, runCode) in Segments(start, start + length))
        {
            count += runCode >= 0 ? (runCode == code ? to - from : 0) : _rest.Count(code, from + _restOffset![user], to - from);
        }
        return count;
    }

    public int IndexOf(int code, int start)
    {
        foreach (var (user, from, to, runCode) in Segments(start, Length))
        {
            if (runCode >= 0 && runCode == code)
            {
                return from;
            }
            for (var row = from; runCode < 0 && row < to; row++)
            {
                if (_rest[row + _restOffset![user]] == code)
                {
                    return row;
                }
            }
        }
        return -1;
    }

    /// <summary>The users' shares of a row range: (user, first row, end row, the user's code or -1 when mixed).</summary>
    private struct RunSegments(UserRunCodes codes, int start, int end)
    {
        private int _user = start < end ? codes.UserOf(start) - 1 : codes._users.Length;
        private int _row = start;

        public (int User, int From, int To, int Code) Current { get; private set; }

        public readonly RunSegments GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_row < end && ++_user < codes._users.Length)
            {
                var to = Math.Min(codes._userStart[_user + 1], end);
                if (to > _row)
                {
                    Current = (_user, _row, to, codes.UserCode(_user));
                    _row = to;
                    return true;
                }
            }
            return false;
        }
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
        var users = CodeVector.ReadPlain(reader);
        var mixed = reader.ReadInt32();
        var restOffset = reader.ReadBoolean() ? BinaryArrays.Read<int>(reader) : null;
        var rest = CodeVector.ReadPlain(reader);
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
