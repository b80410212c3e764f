namespace ActivityDashboard.Core.Alerting;

/// <summary>
/// The recent alerts (the newest 50, in memory) with each webhook's delivery status, and whether each webhook is
/// failing: its last alert failed after every retry and none has been delivered since. Thread-safe.
/// </summary>
public sealed class AlertLog
{
    private const int Capacity = 50;

    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _entries = new();
    private readonly Dictionary<string, WebhookStatus> _webhooks = new(StringComparer.Ordinal);

    public AlertLog(IEnumerable<string> webhookNames)
    {
        ArgumentNullException.ThrowIfNull(webhookNames);

        foreach (var name in webhookNames)
        {
            _webhooks[name] = new WebhookStatus(name, IsFailing: false, LastDeliveredAt: null, LastFailedAt: null, LastError: null);
        }
    }

    /// <summary>Raised after every change (on the delivering thread); handlers must not block.</summary>
    public event Action? Changed;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<AlertLogEntry> Recent()
    {
        lock (_lock)
        {
            return [.. _entries.Select(e => new AlertLogEntry(e.Alert, [.. e.Deliveries]))];
        }
    }

    /// <summary>In configuration order.</summary>
    public IReadOnlyList<WebhookStatus> Webhooks()
    {
        lock (_lock)
        {
            return [.. _webhooks.Values];
        }
    }

    internal void Add(GatewayAlert alert)
    {
        lock (_lock)
        {
            var deliveries = _webhooks.Keys.Select(name => new WebhookDelivery(name, DeliveryStatus.Pending, null, null)).ToList();
            _entries.AddFirst(new Entry(alert, deliveries));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }

        Changed?.Invoke();
    }

    internal void MarkDelivered(string alertId, string webhook, DateTimeOffset at)
    {
        lock (_lock)
        {
            Update(alertId, webhook, new WebhookDelivery(webhook, DeliveryStatus.Delivered, at, null));
            _webhooks[webhook] = _webhooks[webhook] with { IsFailing = false, LastDeliveredAt = at };
        }

        Changed?.Invoke();
    }

    internal void MarkFailed(string alertId, string webhook, DateTimeOffset at, string error)
    {
        lock (_lock)
        {
            Update(alertId, webhook, new WebhookDelivery(webhook, DeliveryStatus.Failed, at, error));
            _webhooks[webhook] = _webhooks[webhook] with { IsFailing = true, LastFailedAt = at, LastError = error };
        }

        Changed?.Invoke();
    }

    private void Update(string alertId, string webhook, WebhookDelivery delivery)
    {
        // An alert already pushed out of the log still counts for the webhook's status.
        var entry = _entries.FirstOrDefault(e => e.Alert.Id == alertId);
        var index = entry?.Deliveries.FindIndex(d => d.Webhook == webhook) ?? -1;
        if (index >= 0)
        {
            entry!.Deliveries[index] = delivery;
        }
    }

    private sealed record Entry(GatewayAlert Alert, List<WebhookDelivery> Deliveries);
}

/// <summary>One alert and how far each webhook has got with it.</summary>
public sealed record AlertLogEntry(GatewayAlert Alert, IReadOnlyList<WebhookDelivery> Deliveries);

/// <summary>One webhook's delivery of one alert; the error says what the last attempt got (never the URL).</summary>
public sealed record WebhookDelivery(string Webhook, DeliveryStatus Status, DateTimeOffset? CompletedAt, string? Error);

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>A webhook's standing: failing from a delivery that failed after every retry until the next one gets through.</summary>
public sealed record WebhookStatus(
    string Name,
    bool IsFailing,
    DateTimeOffset? LastDeliveredAt,
    DateTimeOffset? LastFailedAt,
    string? LastError);
