namespace UserAnalytics.Grains.Scans;

/// <summary>Finds the slot of a dictionary code for one user at a time. Forgetting a user costs
/// only the codes that user touched: a <see cref="Dictionary{TKey, TValue}"/>'s Clear wipes its
/// whole capacity, which one heavy user leaves large for every user scanned after it (that wipe
/// was 40 % of user_content_affinity's CPU).</summary>
internal sealed class CodeSlots
{
    private readonly List<int> _touched = [];
    private int[] _slotPlusOne;

    /// <param name="codes">How many codes the dictionary has now (it may grow; the table follows).</param>
    public CodeSlots(int codes)
    {
        _slotPlusOne = new int[Math.Max(16, codes)];
    }

    public bool TryGetValue(int code, out int slot)
    {
        var stored = (uint)code < (uint)_slotPlusOne.Length ? _slotPlusOne[code] : 0;
        slot = stored - 1;
        return stored != 0;
    }

    public void Add(int code, int slot)
    {
        if (code >= _slotPlusOne.Length)
        {
            Array.Resize(ref _slotPlusOne, Math.Max(code + 1, _slotPlusOne.Length * 2));
        }
        _slotPlusOne[code] = slot + 1;
        _touched.Add(code);
    }

    public void Clear()
    {
        foreach (var code in _touched)
        {
            _slotPlusOne[code] = 0;
        }
        _touched.Clear();
    }
}
