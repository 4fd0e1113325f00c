using NordicIoT.Mqtt.Protocol;

namespace NordicIoT.Mqtt.Tests.Protocol;

public sealed class TopicRulesTests
{
    [Theory]
    [InlineData("d/dev1/b")]
    [InlineData("/")]
    [InlineData("a//b")]
    public void Valid_topic_names_pass(string topic) => TopicRules.ValidateName(topic, "topic");

    [Theory]
    [InlineData("")]
    [InlineData("d/+/b")]
    [InlineData("d/#")]
    [InlineData("a\0b")]
    public void Invalid_topic_names_are_refused(string topic) =>
        Assert.Throws<ArgumentException>(() => TopicRules.ValidateName(topic, "topic"));

    [Theory]
    [InlineData("d/+/b")]
    [InlineData("d/#")]
    [InlineData("#")]
    [InlineData("+")]
    [InlineData("+/+/#")]
    public void Valid_filters_pass(string filter) => TopicRules.ValidateFilter(filter, "filter");

    [Theory]
    [InlineData("")]
    [InlineData("d/a+/b")]
    [InlineData("d/#/b")]
    [InlineData("d#")]
    [InlineData("d/##")]
    public void Invalid_filters_are_refused(string filter) =>
        Assert.Throws<ArgumentException>(() => TopicRules.ValidateFilter(filter, "filter"));
}
