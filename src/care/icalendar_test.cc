// The iCalendar reader: unfolding, the DTSTART forms, what is skipped and why, and errors
// that name the line.
#include "care/icalendar.h"

#include <gtest/gtest.h>

#include "base/time_format.h"

namespace interlude::care {
namespace {

UnixMillis At(const char* iso) { return *ParseIso8601(iso); }

std::string Calendar(const std::string& events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" + events + "END:VCALENDAR\r\n";
}

std::string Event(const std::string& uid, const std::string& dtstart,
                  const std::string& extra = "") {
  return "BEGIN:VEVENT\r\nUID:" + uid + "\r\n" + dtstart + "\r\nSUMMARY:Session\r\n" + extra +
         "END:VEVENT\r\n";
}

TEST(ICalendarTest, ReadsUtcStartsAndUids) {
  const auto cal = ParseICalendar(Calendar(Event("a@x", "DTSTART:20261201T100000Z") +
                                           Event("b@x", "DTSTART:20261208T153000Z")));
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ASSERT_EQ(cal->events.size(), 2u);
  EXPECT_EQ(cal->events[0].uid, "a@x");
  EXPECT_EQ(cal->events[0].starts_at, At("2026-12-01T10:00:00Z"));
  EXPECT_EQ(cal->events[0].line, 4);
  EXPECT_EQ(cal->events[0].note, "");
  EXPECT_EQ(cal->events[1].starts_at, At("2026-12-08T15:30:00Z"));
  EXPECT_TRUE(cal->skipped.empty());
}

TEST(ICalendarTest, UnfoldsContinuationLinesAndAcceptsBareLf) {
  const std::string text =
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:long-\n uid-\n\tvalue\nDTST\n ART:20261201T100000Z\n"
      "END:VEVENT\nEND:VCALENDAR\n";
  const auto cal = ParseICalendar(text);
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ASSERT_EQ(cal->events.size(), 1u);
  EXPECT_EQ(cal->events[0].uid, "long-uid-value");
  EXPECT_EQ(cal->events[0].starts_at, At("2026-12-01T10:00:00Z"));
}

TEST(ICalendarTest, FloatingAndZonedTimesAreReadAsUtcWithANote) {
  const auto cal =
      ParseICalendar(Calendar(Event("f", "DTSTART:20261201T100000") +
                              Event("z", "DTSTART;TZID=\"Europe/London\":20261201T110000") +
                              Event("u", "DTSTART;TZID=Etc/UTC:20261201T120000")));
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ASSERT_EQ(cal->events.size(), 3u);
  EXPECT_EQ(cal->events[0].starts_at, At("2026-12-01T10:00:00Z"));
  EXPECT_NE(cal->events[0].note.find("floating"), std::string::npos);
  EXPECT_EQ(cal->events[1].starts_at, At("2026-12-01T11:00:00Z"));
  EXPECT_NE(cal->events[1].note.find("Europe/London is not converted"), std::string::npos);
  EXPECT_EQ(cal->events[2].starts_at, At("2026-12-01T12:00:00Z"));
  EXPECT_EQ(cal->events[2].note, "");  // UTC by name is exact
}

TEST(ICalendarTest, SkipsAllDayCancelledUidlessOverridesAndRepeatsWithin) {
  const auto cal = ParseICalendar(
      Calendar(Event("day", "DTSTART;VALUE=DATE:20261201") + Event("day2", "DTSTART:20261202") +
               Event("gone", "DTSTART:20261203T100000Z", "STATUS:CANCELLED\r\n") +
               "BEGIN:VEVENT\r\nDTSTART:20261204T100000Z\r\nEND:VEVENT\r\n" +
               Event("ok", "DTSTART:20261205T100000Z") + Event("ok", "DTSTART:20261206T100000Z") +
               Event("series", "DTSTART:20261207T100000Z", "RECURRENCE-ID:20261214T100000Z\r\n") +
               "BEGIN:VEVENT\r\nUID:nostart\r\nEND:VEVENT\r\n"));
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ASSERT_EQ(cal->events.size(), 1u);
  EXPECT_EQ(cal->events[0].uid, "ok");
  ASSERT_EQ(cal->skipped.size(), 7u);
  EXPECT_EQ(cal->skipped[0].uid, "day");
  EXPECT_NE(cal->skipped[0].reason.find("all-day"), std::string::npos);
  EXPECT_NE(cal->skipped[1].reason.find("all-day"), std::string::npos);
  EXPECT_NE(cal->skipped[2].reason.find("cancelled"), std::string::npos);
  EXPECT_NE(cal->skipped[3].reason.find("no UID"), std::string::npos);
  EXPECT_NE(cal->skipped[4].reason.find("earlier in this calendar"), std::string::npos);
  EXPECT_NE(cal->skipped[5].reason.find("one occurrence"), std::string::npos);
  EXPECT_NE(cal->skipped[6].reason.find("no DTSTART"), std::string::npos);
}

TEST(ICalendarTest, RepeatingEventImportsTheFirstOccurrenceAndSaysSo) {
  const auto cal = ParseICalendar(
      Calendar(Event("weekly", "DTSTART:20261201T100000Z", "RRULE:FREQ=WEEKLY;COUNT=10\r\n")));
  ASSERT_TRUE(cal.ok());
  ASSERT_EQ(cal->events.size(), 1u);
  EXPECT_EQ(cal->events[0].starts_at, At("2026-12-01T10:00:00Z"));
  EXPECT_NE(cal->events[0].note.find("first occurrence"), std::string::npos);
}

TEST(ICalendarTest, AlarmPropertiesDoNotCountAsTheEvents) {
  const auto cal = ParseICalendar(Calendar(
      "BEGIN:VEVENT\r\nUID:e\r\nBEGIN:VALARM\r\nUID:alarm\r\nSTATUS:CANCELLED\r\nEND:VALARM\r\n"
      "DTSTART:20261201T100000Z\r\nEND:VEVENT\r\n"));
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ASSERT_EQ(cal->events.size(), 1u);
  EXPECT_EQ(cal->events[0].uid, "e");
}

void ExpectLineError(const std::string& text, const std::string& prefix) {
  const auto cal = ParseICalendar(text);
  ASSERT_FALSE(cal.ok()) << text;
  EXPECT_EQ(cal.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(cal.status().field(), "ics");
  EXPECT_EQ(cal.status().message().rfind(prefix, 0), 0u) << cal.status().message();
}

TEST(ICalendarTest, MalformedTextNamesTheLine) {
  ExpectLineError("", "line 1:");
  ExpectLineError("hello there\n", "line 1:");               // no colon
  ExpectLineError("BEGIN:VEVENT\nEND:VEVENT\n", "line 1:");  // no VCALENDAR
  ExpectLineError(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:2026-12-01\nEND:VEVENT\nEND:VCALENDAR\n",
      "line 4: DTSTART");
  ExpectLineError(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20261301T100000Z\nEND:VEVENT\nEND:VCALENDAR\n",
      "line 4:");  // month 13
  ExpectLineError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n",
                  "line 3: END:VCALENDAR does not close");
  ExpectLineError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n",
                  "line 3: BEGIN:VEVENT of line 2 has no END");
  ExpectLineError(" folded\nBEGIN:VCALENDAR\nEND:VCALENDAR\n", "line 1:");
  ExpectLineError("BEGIN:VCALENDAR\nX-A;P=\"open:1\nEND:VCALENDAR\n", "line 2:");
  ExpectLineError("BEGIN:VCALENDAR\nSUMMARY:\xff\nEND:VCALENDAR\n",
                  "line 2: the text is not UTF-8");
}

TEST(ICalendarTest, QuotedParameterValuesMayHoldColons) {
  const auto cal =
      ParseICalendar(Calendar(Event("q", "DTSTART;X-NOTE=\"a:b;c\";TZID=UTC:20261201T100000")));
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  ASSERT_EQ(cal->events.size(), 1u);
  EXPECT_EQ(cal->events[0].note, "");
}

TEST(ICalendarTest, Limits) {
  std::string many;
  for (int i = 0; i <= 1000; ++i)
    many += Event("e" + std::to_string(i), "DTSTART:20261201T100000Z");
  ExpectLineError(Calendar(many), "line ");
  const auto big = ParseICalendar(std::string(kMaxIcsBytes + 1, 'x'));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().field(), "ics");
}

}  // namespace
}  // namespace interlude::care
