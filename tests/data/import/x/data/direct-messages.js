window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1234567890123456789-9007199254740993123",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "9007199254740993123",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Hi",
            "mediaUrls" : [ ],
            "senderId" : "1234567890123456789",
            "id" : "1500000000000000001",
            "createdAt" : "2023-11-14T22:13:20.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1234567890123456789",
            "text" : "Hello back",
            "senderId" : "9007199254740993123",
            "id" : "1500000000000000002",
            "createdAt" : "2023-11-15T08:00:00.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1234567890123456789",
            "text" : "And more",
            "senderId" : "9007199254740993123",
            "id" : "1500000000000000003",
            "createdAt" : "2023-11-16T08:00:00.000Z"
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "1111111111111111111-9007199254740993123",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1111111111111111111",
            "text" : "Order ready",
            "senderId" : "9007199254740993123",
            "id" : "1500000000000000004",
            "createdAt" : "2023-12-01T10:00:00.000Z"
          }
        }
      ]
    }
  }
]
