using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Server.Features.Calls;

namespace RemoteSupport.Server.Features.Collaboration;

/// A text message of a call, kept with the session. The text is stored and shown as plain text only.
public sealed class ChatMessage
{
    public const int MaxTextLength = 1000;

    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid CallId { get; init; }
    public Guid SenderId { get; init; }
    public required string SenderName { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset SentAt { get; init; }

    public ChatMessageInfo ToInfo() => new(Id, CallId, SenderId, SenderName, Text, SentAt);
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> b)
    {
        b.Property(m => m.SenderName).HasMaxLength(200);
        b.Property(m => m.Text).HasMaxLength(ChatMessage.MaxTextLength);
        b.HasIndex(m => new { m.CallId, m.SentAt });
        b.HasOne<CallSession>().WithMany().HasForeignKey(m => m.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Accounts.User>().WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.Restrict);
    }
}
