window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1105478251337297920"
          ],
          "editableUntil" : "2019-03-12T15:02:11.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "malaria",
            "indices" : [
              "24",
              "32"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/Xy12AbCd34",
            "expanded_url" : "https://example.ac.uk/news/malaria-pregnancy",
            "display_url" : "example.ac.uk/news/malaria-p…",
            "indices" : [
              "83",
              "106"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "106"
      ],
      "favorite_count" : "41",
      "id_str" : "1105478251337297920",
      "truncated" : false,
      "retweet_count" : "19",
      "id" : "1105478251337297920",
      "possibly_sensitive" : false,
      "created_at" : "Tue Mar 12 14:02:11 +0000 2019",
      "favorited" : false,
      "full_text" : "Our new report on #malaria in pregnancy is out today &amp; free to read for all: https://t.co/Xy12AbCd34",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1233000111222333444"
          ],
          "editableUntil" : "2020-02-27T13:40:09.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "80"
      ],
      "favorite_count" : "3",
      "id_str" : "1233000111222333444",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1233000111222333444",
      "created_at" : "Thu Feb 27 12:40:09 +0000 2020",
      "favorited" : false,
      "full_text" : "Questions about the MSc open day? Call Priya Shah on 07700 900461 before Friday.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1402233445566778899"
          ],
          "editableUntil" : "2021-06-08T10:15:30.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "A Critic",
            "screen_name" : "a_critic_99",
            "indices" : [
              "0",
              "11"
            ],
            "id_str" : "98765432",
            "id" : "98765432"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "73"
      ],
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "1402230000000000000",
      "id_str" : "1402233445566778899",
      "in_reply_to_user_id" : "98765432",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1402233445566778899",
      "in_reply_to_status_id" : "1402230000000000000",
      "created_at" : "Tue Jun 08 09:15:30 +0000 2021",
      "favorited" : false,
      "full_text" : "@a_critic_99 you are a useless idiot and you clearly never read the paper",
      "lang" : "en",
      "in_reply_to_screen_name" : "a_critic_99",
      "in_reply_to_user_id_str" : "98765432"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1420011223344556677"
          ],
          "editableUntil" : "2021-07-27T09:01:02.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "95"
      ],
      "favorite_count" : "0",
      "id_str" : "1420011223344556677",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1420011223344556677",
      "created_at" : "Tue Jul 27 08:01:02 +0000 2021",
      "favorited" : false,
      "full_text" : "Fieldwork team: the shared drive password is Tr0pic4l-Kisumu-2021! until Monday, then it changes",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1580112233445566778"
          ],
          "editableUntil" : "2022-10-12T18:44:55.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Health News UK",
            "screen_name" : "HealthNewsUK",
            "indices" : [
              "3",
              "16"
            ],
            "id_str" : "1122334455",
            "id" : "1122334455"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "76"
      ],
      "favorite_count" : "0",
      "id_str" : "1580112233445566778",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1580112233445566778",
      "created_at" : "Wed Oct 12 17:44:55 +0000 2022",
      "favorited" : false,
      "full_text" : "RT @HealthNewsUK: What a shit week for NHS funding. Our thread on the cuts below.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1671234567890123456"
          ],
          "editableUntil" : "2023-06-20T16:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "58"
      ],
      "favorite_count" : "120",
      "id_str" : "1671234567890123456",
      "truncated" : false,
      "retweet_count" : "12",
      "id" : "1671234567890123456",
      "created_at" : "Tue Jun 20 15:30:00 +0000 2023",
      "favorited" : false,
      "full_text" : "Congratulations to all our 2023 graduates! 🎓 We are so proud of you.",
      "lang" : "en"
    }
  }
]
