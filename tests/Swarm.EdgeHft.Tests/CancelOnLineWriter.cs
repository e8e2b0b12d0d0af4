using System.Text;

namespace Swarm.EdgeHft.Tests;

/// <summary>A log that keeps every line and cancels <see cref="Token"/> once a line starting with a prefix is written.</summary>
internal sealed class CancelOnLineWriter(string prefix) : TextWriter
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly StringBuilder _text = new();

    public CancellationToken Token => _cancel.Token;

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_text)
        {
            _text.AppendLine(value);
        }

        if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal))
        {
            _cancel.Cancel();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancel.Dispose();
        }

        base.Dispose(disposing);
    }
}
