window.YTD.follower.part1 = [
  {
    "follower" : {
      "accountId" : "2222222222222222223"
    }
  }
]
