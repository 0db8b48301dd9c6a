namespace UserAnalytics.Gateway.Ingest;

/// <summary>The parsed values of one incoming row, by column index; reused from row to row.</summary>
internal sealed class RowValues
{
    private readonly string?[] _text;
    private readonly double[] _numbers;
    private readonly bool[] _present;

    public RowValues(int columns)
    {
        _text = new string?[columns];
        _numbers = new double[columns];
        _present = new bool[columns];
    }

    public void Reset()
    {
        Array.Clear(_text);
        Array.Clear(_numbers);
        Array.Clear(_present);
    }

    public bool IsPresent(int column) => _present[column];

    public void SetText(int column, string value)
    {
        _text[column] = value;
        _present[column] = true;
    }

    public void SetNumber(int column, double value)
    {
        _numbers[column] = value;
        _present[column] = true;
    }

    /// <summary>Marks a column as explicitly null: it takes its default.</summary>
    public void SetNull(int column)
    {
        _text[column] = null;
        _numbers[column] = 0;
        _present[column] = false;
    }

    public string Text(int column) => _text[column] ?? string.Empty;

    public double Number(int column) => _numbers[column];

    public long Time(int column) => (long)_numbers[column];
}
