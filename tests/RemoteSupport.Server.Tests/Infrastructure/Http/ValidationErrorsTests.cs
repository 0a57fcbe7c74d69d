using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Tests.Infrastructure.Http;

public sealed class ValidationErrorsTests
{
    [Fact]
    public void Any_NothingAdded_IsFalseAndDictionaryEmpty()
    {
        var errors = new ValidationErrors();

        Assert.False(errors.Any);
        Assert.Empty(errors.ToDictionary());
    }

    [Fact]
    public void Add_SameFieldTwice_KeepsBothMessagesInOrder()
    {
        var errors = new ValidationErrors().Add("Email", "first").Add("Email", "second").Add("Name", "third");

        Assert.True(errors.Any);
        var dictionary = errors.ToDictionary();
        Assert.Equal(["first", "second"], dictionary["Email"]);
        Assert.Equal(["third"], dictionary["Name"]);
    }

    [Fact]
    public void AddRange_NoMessages_AddsNothing()
    {
        var errors = new ValidationErrors().AddRange("Password", []);

        Assert.False(errors.Any);
    }

    [Fact]
    public void AddRange_Messages_AddsEveryOne()
    {
        var errors = new ValidationErrors().AddRange("Password", ["a", "b"]);

        Assert.Equal(["a", "b"], errors.ToDictionary()["Password"]);
    }

    [Fact]
    public void ToDictionary_FieldNames_AreCaseSensitive()
    {
        var dictionary = new ValidationErrors().Add("Email", "x").Add("email", "y").ToDictionary();

        Assert.Equal(2, dictionary.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RequireText_Blank_AsksForTheValue(string? value)
    {
        var errors = new ValidationErrors().RequireText("Name", value, 10, "a name");

        Assert.Equal(["Enter a name."], errors.ToDictionary()["Name"]);
    }

    [Fact]
    public void RequireText_TooLong_NamesTheLimit()
    {
        var errors = new ValidationErrors().RequireText("Name", new string('x', 11), 10, "a name");

        Assert.Equal(["Use at most 10 characters for a name."], errors.ToDictionary()["Name"]);
    }

    [Fact]
    public void RequireText_SurroundingSpacesBeyondLimit_AreNotCounted()
    {
        var errors = new ValidationErrors().RequireText("Name", "  " + new string('x', 10) + "  ", 10, "a name");

        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("nul\0char")]
    [InlineData("bell\u0007")]
    public void RequireText_ControlCharacters_AreRefused(string value)
    {
        var errors = new ValidationErrors().RequireText("Name", value, 100, "a name");

        Assert.Equal(["Remove control characters from a name."], errors.ToDictionary()["Name"]);
    }

    [Theory]
    [InlineData("name@example.com")]
    [InlineData("  name@example.com  ")]
    [InlineData("first.last+tag@sub.example.org")]
    public void RequireEmail_PlausibleAddress_IsAccepted(string value)
    {
        Assert.False(new ValidationErrors().RequireEmail("Email", value).Any);
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("name@")]
    [InlineData("two@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("with space@example.com")]
    public void RequireEmail_NotAnAddress_ShowsAnExample(string value)
    {
        var errors = new ValidationErrors().RequireEmail("Email", value);

        Assert.Equal(["Enter an email address like name@example.com."], errors.ToDictionary()["Email"]);
    }

    [Fact]
    public void RequireEmail_Blank_OnlyAsksForTheAddress()
    {
        var errors = new ValidationErrors().RequireEmail("Email", " ");

        Assert.Equal(["Enter an email address."], errors.ToDictionary()["Email"]);
    }

    [Fact]
    public void RequireEmail_Over254Characters_IsRefused()
    {
        var errors = new ValidationErrors().RequireEmail("Email", new string('a', 250) + "@example.com");

        Assert.Contains("Use at most 254 characters for an email address.", errors.ToDictionary()["Email"]);
    }

    [Fact]
    public void Chained_SeveralFields_ReportsEveryProblemAtOnce()
    {
        var errors = new ValidationErrors()
            .RequireText("OrganizationName", "", 200, "the organisation's name")
            .RequireText("AdminName", null, 200, "a name")
            .RequireEmail("Email", "nope");

        Assert.Equal(["AdminName", "Email", "OrganizationName"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }
}
