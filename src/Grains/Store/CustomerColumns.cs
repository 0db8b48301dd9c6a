using System.Text;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// The winning <c>customers</c> row of every user of a store that has one, as columns: a slot per
/// customer, names and e-mails as UTF-8 back to back, genders and locations as codes. As row
/// objects with their strings they took about 230 bytes a customer (29 MB of the bench's 139,643);
/// a slot takes about 90. Rows are made again only for what is shown.
/// </summary>
internal sealed class CustomerColumns
{
    private const int FirstSlots = 4;
    private readonly StringPool _genders = new();
    private readonly StringPool _locations = new();
    private int[] _user = [];
    private long[] _timestampMs = [];
    private long[] _arrival = [];
    private long[] _signupMs = [];
    private double[] _lifetimeValue = [];
    private int[] _age = [];
    private int[] _gender = [];
    private int[] _location = [];
    private int[] _textStart = [];
    private int[] _emailStart = [];
    private int[] _textEnd = [];
    private byte[] _text = [];
    private int _textUsed;
    private int _textLive;

    public int Count { get; private set; }

    /// <summary>Approximate bytes held, for the memory figures of the benchmark.</summary>
    public long Bytes => _text.Length + (_user.Length * 60L) + _genders.Bytes + _locations.Bytes;

    /// <summary>The user index (<see cref="UserData.Index"/>) of a slot.</summary>
    public int User(int slot) => _user[slot];

    public long TimestampMs(int slot) => _timestampMs[slot];

    /// <summary>The order in which the slot's row was stored among all rows of its store.</summary>
    public long Arrival(int slot) => _arrival[slot];

    public int Age(int slot) => _age[slot];

    public double LifetimeValue(int slot) => _lifetimeValue[slot];

    public long SignupDateMs(int slot) => _signupMs[slot];

    public string Location(int slot) => _locations[_location[slot]];

    /// <summary>Stores <paramref name="row"/> in <paramref name="slot"/>, or in a new slot when it is
    /// -1; returns the slot.</summary>
    public int Set(int slot, int user, CustomerRow row, long arrival)
    {
        if (slot < 0)
        {
            slot = Count++;
            if (slot == _user.Length)
            {
                Grow();
            }
        }
        else
        {
            // Its old text is left behind, and not copied when the text is compacted.
            _textLive -= _textEnd[slot] - _textStart[slot];
            _textStart[slot] = _emailStart[slot] = _textEnd[slot] = 0;
        }
        _user[slot] = user;
        _timestampMs[slot] = row.TimestampMs;
        _arrival[slot] = arrival;
        _signupMs[slot] = row.SignupDateMs;
        _lifetimeValue[slot] = row.LifetimeValue;
        _age[slot] = row.Age;
        _gender[slot] = _genders.Intern(row.Gender);
        _location[slot] = _locations.Intern(row.Location);
        WriteText(slot, row.Name, row.Email);
        return slot;
    }

    /// <summary>The slot's row as it was stored, with <paramref name="customerId"/> (its user's id).</summary>
    public CustomerRow Row(int slot, string customerId) => new(
        customerId,
        Encoding.UTF8.GetString(_text.AsSpan(_textStart[slot], _emailStart[slot] - _textStart[slot])),
        Encoding.UTF8.GetString(_text.AsSpan(_emailStart[slot], _textEnd[slot] - _emailStart[slot])),
        _age[slot], _genders[_gender[slot]], _locations[_location[slot]], _signupMs[slot], _lifetimeValue[slot], _timestampMs[slot]);

    private void WriteText(int slot, string name, string email)
    {
        var needed = Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(email);
        if (_textUsed + needed > _text.Length)
        {
            MakeRoom(needed);
        }
        _textStart[slot] = _textUsed;
        _textUsed += Encoding.UTF8.GetBytes(name, _text.AsSpan(_textUsed));
        _emailStart[slot] = _textUsed;
        _textUsed += Encoding.UTF8.GetBytes(email, _text.AsSpan(_textUsed));
        _textEnd[slot] = _textUsed;
        _textLive += needed;
    }

    /// <summary>Grows the text, or first drops what replaced rows left in it when that is more than
    /// the live text: a customer's new version appends its text.</summary>
    private void MakeRoom(int needed)
    {
        if (_textUsed - _textLive > _textLive)
        {
            DropReplacedText(Math.Max(_textLive + needed, _text.Length));
        }
        if (_textUsed + needed > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_textUsed + needed, _text.Length * 2));
        }
    }

    private void DropReplacedText(int length)
    {
        var text = new byte[length];
        var used = 0;
        for (var s = 0; s < Count; s++)
        {
            var (start, email, end) = (_textStart[s], _emailStart[s], _textEnd[s]);
            _text.AsSpan(start, end - start).CopyTo(text.AsSpan(used));
            (_textStart[s], _emailStart[s], _textEnd[s]) = (used, used + (email - start), used + (end - start));
            used += end - start;
        }
        (_text, _textUsed) = (text, used);
    }

    /// <summary>Gives back the room kept for more slots and text (after a checkpoint's load, which
    /// knows it has stored them all).</summary>
    public void TrimExcess()
    {
        if (_textUsed > _textLive)
        {
            DropReplacedText(_textLive);
        }
        Array.Resize(ref _text, _textUsed);
        Resize(Count);
    }

    private void Grow() => Resize(Math.Max(FirstSlots, _user.Length * 2));

    private void Resize(int length)
    {
        Array.Resize(ref _user, length);
        Array.Resize(ref _timestampMs, length);
        Array.Resize(ref _arrival, length);
        Array.Resize(ref _signupMs, length);
        Array.Resize(ref _lifetimeValue, length);
        Array.Resize(ref _age, length);
        Array.Resize(ref _gender, length);
        Array.Resize(ref _location, length);
        Array.Resize(ref _textStart, length);
        Array.Resize(ref _emailStart, length);
        Array.Resize(ref _textEnd, length);
    }
}
