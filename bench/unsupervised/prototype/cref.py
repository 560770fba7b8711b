import sys; sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from common import *; import full; from gw import kmeans, sinkhorn
idv=ids(); A=load(sys.argv[1]); B=load(sys.argv[2]); inp=sys.argv[3]; K=int(sys.argv[4]); R=int(sys.argv[5])
trm,am,bm,te=split(idv,42,inp)
XA=prep(A,am); XB=prep(B,bm); d=max(XA.shape[1],XB.shape[1]); XA=pad(XA,d); XB=pad(XB,d)
a=XA[am]; b=XB[bm]
print('sup',rank1(XA[te]@procrustes(XA[trm],XB[trm]),XB[te],idv[te]),flush=True)
rs=np.random.RandomState(3)
for r in range(R):
  t=time.time()
  CA,p=kmeans(a,K,rs,it=15); CB,q=kmeans(b,K,rs,it=15)
  SA=CA@CA.T; SB=CB@CB.T; sigA=np.sort(SA,1); sigB=np.sort(SB,1)
  M=((sigA[:,None,:]-sigB[None,:,:])**2).sum(2)
  T,loss=full.egw_anneal(SA,SB,p,q,sinkhorn(M/M.std(),p,q,0.05),[0.02,0.01,0.005,0.002])
  u,s,vt=np.linalg.svd(CA.T@T@CB); W=u@vt; out=[rank1(XA[te]@W,XB[te],idv[te])]
  for it in range(10):
    # consistent clustering: B rows to nearest mapped A centroid; A rows to their own centroid
    M_=l2(CA@W); lb=(b@M_.T).argmax(1); la=(a@CA.T).argmax(1)
    ok=[k for k in range(K) if (lb==k).any() and (la==k).any()]
    CAk=l2(np.array([a[la==k].sum(0) for k in ok])); CBk=l2(np.array([b[lb==k].sum(0) for k in ok]))
    w=np.array([min((la==k).sum(),(lb==k).sum()) for k in ok],float)
    u,s,vt=np.linalg.svd((CAk*w[:,None]).T@CBk); W=u@vt
    if it%3==2: out.append(rank1(XA[te]@W,XB[te],idv[te]))
  # criterion: mean cos to nearest
  S=l2(a[:1500]@W)@b[:1500].T; crit=S.max(1).mean()
  print(r,'gwloss %.4f'%loss,'r1 path',' '.join('%.3f'%x for x in out),'crit %.4f'%crit,'%.0fs'%(time.time()-t),flush=True)
