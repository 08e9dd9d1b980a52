window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "1234567890123456789",
      "userLink" : "https://twitter.com/intent/user?user_id=1234567890123456789"
    }
  },
  {
    "follower" : {
      "accountId" : 1234567890123456788,
      "userLink" : "https://twitter.com/intent/user?user_id=1234567890123456788"
    }
  }
]
