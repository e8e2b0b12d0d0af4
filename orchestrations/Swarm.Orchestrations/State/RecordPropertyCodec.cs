using System.Globalization;
using System.Text.Json;

namespace Swarm.Orchestrations.State;

/// <summary>
/// Encodes record properties as JSON with a type tag per value, so a stored record reads back with
/// exactly the CLR types it was written with (JSON alone cannot tell 2 from 2.0, or text from a date).
/// </summary>
public static class RecordPropertyCodec
{
    /// <summary>Encodes <paramref name="properties"/>; throws <see cref="ArgumentException"/> naming any property of an unsupported type.</summary>
    public static string Encode(IReadOnlyDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStartArray(name);
                switch (value)
                {
                    case null:
                        json.WriteStringValue("n");
                        break;
                    case string s:
                        json.WriteStringValue("s");
                        json.WriteStringValue(s);
                        break;
                    case long l:
                        json.WriteStringValue("l");
                        json.WriteNumberValue(l);
                        break;
                    case int i:
                        json.WriteStringValue("l");
                        json.WriteNumberValue(i);
                        break;
                    case double d:
                        // Text keeps NaN and infinities, which JSON numbers cannot.
                        json.WriteStringValue("d");
                        json.WriteStringValue(d.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    case bool b:
                        json.WriteStringValue("b");
                        json.WriteBooleanValue(b);
                        break;
                    case DateTimeOffset t:
                        json.WriteStringValue("t");
                        json.WriteStringValue(t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                        break;
                    case byte[] x:
                        json.WriteStringValue("x");
                        json.WriteBase64StringValue(x);
                        break;
                    default:
                        throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}; use string, long, double, bool, DateTimeOffset or byte[].", nameof(properties));
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote.</summary>
    public static Dictionary<string, object?> Decode(string text)
    {
        using var document = JsonDocument.Parse(text);
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var tag = property.Value[0].GetString();
            properties[property.Name] = tag switch
            {
                "n" => null,
                "s" => property.Value[1].GetString(),
                "l" => property.Value[1].GetInt64(),
                "d" => double.Parse(property.Value[1].GetString()!, CultureInfo.InvariantCulture),
                "b" => property.Value[1].GetBoolean(),
                "t" => DateTimeOffset.Parse(property.Value[1].GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                "x" => property.Value[1].GetBytesFromBase64(),
                _ => throw new FormatException($"Property '{property.Name}' has unknown type tag '{tag}'."),
            };
        }

        return properties;
    }
}
