namespace ActivityDashboard.Core.Gateway;

/// <summary>The newest <c>capacity</c> items, oldest dropped first. Not thread-safe; callers lock.</summary>
internal sealed class BoundedHistory<T>(int capacity)
{
    private readonly Queue<T> _items = new(capacity);

    public void Add(T item)
    {
        if (_items.Count == capacity)
        {
            _items.Dequeue();
        }

        _items.Enqueue(item);
    }

    /// <summary>A copy, oldest first.</summary>
    public T[] ToArray() => [.. _items];
}
