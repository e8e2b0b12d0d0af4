using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;

namespace Swarm.Storage.Tables;

/// <summary>Maps a typed entity's public read/write properties to and from a <see cref="TableEntity"/>.</summary>
internal static class TableEntityMapper<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>
    where T : ITableEntity
{
    private static readonly PropertyInfo[] Columns = typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p is { CanRead: true, CanWrite: true } && p.GetIndexParameters().Length == 0
                    && p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag))
                    && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
        .ToArray();

    public static TableEntity ToEntity(T value)
    {
        if (value is TableEntity entity)
        {
            return entity;
        }

        var result = new TableEntity(value.PartitionKey, value.RowKey) { ETag = value.ETag };
        foreach (var column in Columns)
        {
            var item = column.GetValue(value);
            if (item is not null)
            {
                result[column.Name] = item switch
                {
                    Enum e => e.ToString(),
                    _ => item,
                };
            }
        }

        return result;
    }

    public static T FromEntity(TableEntity entity)
    {
        if (entity is T same)
        {
            return same;
        }

        var result = Activator.CreateInstance<T>();
        result.PartitionKey = entity.PartitionKey;
        result.RowKey = entity.RowKey;
        result.Timestamp = entity.Timestamp;
        result.ETag = entity.ETag;
        foreach (var column in Columns)
        {
            if (entity.TryGetValue(column.Name, out var stored) && stored is not null)
            {
                column.SetValue(result, Convert(column, stored));
            }
        }

        return result;
    }

    private static object Convert(PropertyInfo column, object stored)
    {
        var target = Nullable.GetUnderlyingType(column.PropertyType) ?? column.PropertyType;
        try
        {
            return stored switch
            {
                _ when target.IsInstanceOfType(stored) => stored,
                string s when target.IsEnum => Enum.Parse(target, s, ignoreCase: false),
                string s when target == typeof(Guid) => Guid.Parse(s, CultureInfo.InvariantCulture),
                DateTimeOffset dto when target == typeof(DateTime) => dto.UtcDateTime,
                byte[] bytes when target == typeof(BinaryData) => new BinaryData(bytes),
                int i when target == typeof(long) => (long)i,
                int i when target == typeof(double) => (double)i,
                long l when target == typeof(int) => checked((int)l),
                long l when target == typeof(double) => (double)l,
                double d when target == typeof(int) && d == Math.Floor(d) => checked((int)d),
                double d when target == typeof(long) && d == Math.Floor(d) => checked((long)d),
                _ => throw new InvalidCastException($"cannot convert {stored.GetType().Name}"),
            };
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidOperationException(
                $"Table column '{column.Name}' holds {stored.GetType().Name} '{stored}', which does not fit {typeof(T).Name}.{column.Name} ({column.PropertyType.Name}).", e);
        }
    }
}
